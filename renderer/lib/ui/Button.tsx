import type { ButtonHTMLAttributes, Ref } from 'react';

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'quiet';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  ref?: Ref<HTMLButtonElement>;
}

/** A button in the workspace's style; `type` defaults to "button" so it never submits a form by accident. */
export function Button({ variant = 'default', size = 'normal', className, type = 'button', ...props }: ButtonProps) {
  const classes = ['button', variant !== 'default' && `button-${variant}`, size === 'small' && 'button-small', className];
  return <button type={type} className={classes.filter(Boolean).join(' ')} {...props} />;
}
