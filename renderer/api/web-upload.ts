import { currentT } from '../i18n/use-t';

/** Must match the web server's route and header (electron/web/recording-upload.ts). */
const UPLOAD_PATH = '/upload/recording';
const TOKEN_HEADER = 'X-MQTT-Lab-Token';

/**
 * Sends a file to the web server, which saves it beside the app's recordings and answers its path.
 * XMLHttpRequest rather than fetch: it reports upload progress, so a large file's wait is shown.
 */
export function uploadFile(file: File, token: string, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`);
    request.setRequestHeader(TOKEN_HEADER, token);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = (event) => onProgress?.(event.loaded, event.total || file.size);
    // Worded when it fails, in the language on screen; the caller shows it at once.
    request.onerror = () => reject(new Error(currentT()('connections.link.uploadFailed', { name: file.name })));
    request.onload = () => {
      let body: { path?: string; error?: string } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // Answered below with the status.
      }
      if (request.status === 200 && body.path) resolve(body.path);
      else reject(new Error(body.error ?? currentT()('connections.link.uploadRefused', { name: file.name, status: request.status })));
    };
    request.send(file);
  });
}
