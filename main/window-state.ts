// The dashboard window's size and position, remembered between runs in a small JSON file.
// Pure file I/O with validation (a corrupt or foreign file gives the defaults).
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../server/util/atomic-file.js';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 840 };

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

export function parseBounds(raw: unknown): WindowBounds {
  const b = raw as Partial<WindowBounds> | null;
  if (!b || !isInt(b.width, 400, 20000) || !isInt(b.height, 300, 20000)) return { ...DEFAULT_BOUNDS };
  const out: WindowBounds = { width: b.width, height: b.height };
  if (isInt(b.x, -20000, 20000) && isInt(b.y, -20000, 20000)) {
    out.x = b.x;
    out.y = b.y;
  }
  return out;
}

export function loadBounds(file: string): WindowBounds {
  try {
    return parseBounds(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_BOUNDS };
  }
}

export function saveBounds(file: string, bounds: WindowBounds): void {
  writeFileAtomicSync(file, JSON.stringify(parseBounds(bounds)));
}
