/**
 * A file's bytes in standard base64, the JSON form of the uploads (a CSV import, a candidate's
 * document, a studio zip). `btoa` takes a binary string, built in slices small enough for the
 * arguments of `String.fromCharCode`.
 */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
