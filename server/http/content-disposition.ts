// Content-Disposition for a download with any name: a plain-ASCII `filename` for old clients
// (accents dropped, anything else replaced) and the real name as `filename*` (RFC 6266/5987).

function asciiFallback(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '');
  return plain || 'download';
}

// encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987's attr-char does not allow them.
const encodeRfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function attachment(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
