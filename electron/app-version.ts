import packageJson from '../package.json';

/** The app's version, as package.json says. */
export const APP_VERSION: string = packageJson.version;
