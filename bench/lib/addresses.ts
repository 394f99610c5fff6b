// Loopback source addresses for virtual phones. Linux routes all of 127.0.0.0/8 to lo, so a
// client can bind 127.B.x.y and FindMe (listening on 127.0.0.1) sees a distinct client address:
// its per-address limits (sockets, requests per minute) count each phone apart, as on a venue's
// Wi-Fi. Each use gets its own block B so their rate-limit windows never mix.
import net from 'node:net';

/** Blocks (second octet) of the benchmark's uses. */
export const BLOCKS = { probe: 200, probeIdle: 201, hammer: 202, galleries: 203, galleriesAlone: 204, alone: 205, soak: 206 } as const;

/** A load step's block: 10 + the step's position. */
export const stepBlock = (position: number) => 10 + position;

/** The `index`th address of `block`: 127.block.x.y with y in 1..250 (up to 62,500 per block). */
export function loopback(block: number, index: number): string {
  if (!Number.isInteger(block) || block < 1 || block > 254) throw new Error(`bad address block ${block}`);
  if (!Number.isInteger(index) || index < 0 || index >= 250 * 250) throw new Error(`bad address index ${index}`);
  return `127.${block}.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** Checks that this machine lets a socket bind a 127.x address other than 127.0.0.1. */
export function canBindLoopback(address = loopback(BLOCKS.alone, 0)): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(0, address, () => server.close(() => resolve(true)));
  });
}
