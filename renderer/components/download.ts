/**
 * Saves text as a file the way the browser does: a download in web mode, and in Electron the same
 * anchor opens the native save dialog, so one path serves both shells.
 */
export function downloadText(fileName: string, content: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([content], { type }));
}

/** For big files assembled from parts, which never have to exist as one string. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started from the object URL; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name stamp from the local time: 2026-11-22-053300. */
export function fileStamp(date = new Date()): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}
