/** Saves a blob as a file through the browser's download (Electron and the served app alike). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once click() returns; revoke on the next turn to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const downloadText = (text: string, name: string, type: string): void => downloadBlob(new Blob([text], { type }), name);
