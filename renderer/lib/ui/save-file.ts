import type { ApiClient } from '../api-client';

export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}

/** Fetches a file from the API (it needs the bearer token, so no plain link) and saves it under `fileName`. */
export async function downloadFromApi(client: ApiClient, path: string, fileName: string, query?: Record<string, string | undefined>): Promise<void> {
  const response = await client.requestRaw(path, { query });
  const name = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? fileName;
  saveBlob(await response.blob(), name);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once the event loop has moved on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
