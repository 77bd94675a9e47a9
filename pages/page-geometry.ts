// Maps a box found on the OCR image back onto the original page image, undoing what preprocess
// did: quarter turns (clockwise), then a rotation by the deskew angle about the centre on a
// canvas grown to rotatedWidth × rotatedHeight, then a scale.
import type { Box } from './ocr-result.js';
import type { PageTransform } from './preprocess.js';

type Point = [number, number];

function toOriginalPoint([x, y]: Point, t: PageTransform): Point {
  const turned = t.quarterTurns % 2 === 1;
  const [w1, h1] = turned ? [t.height, t.width] : [t.width, t.height];
  // undo the scale, then the deskew rotation about the canvas centres
  const dx = x / t.scale - t.rotatedWidth / 2;
  const dy = y / t.scale - t.rotatedHeight / 2;
  const angle = (t.deskewDegrees * Math.PI) / 180;
  const ux = Math.cos(angle) * dx + Math.sin(angle) * dy + w1 / 2;
  const uy = -Math.sin(angle) * dx + Math.cos(angle) * dy + h1 / 2;
  // undo the clockwise quarter turns
  switch (t.quarterTurns) {
    case 1:
      return [uy, t.height - ux];
    case 2:
      return [t.width - ux, t.height - uy];
    case 3:
      return [t.width - uy, ux];
    default:
      return [ux, uy];
  }
}

export function toOriginalBox(box: Box, transform: PageTransform): Box {
  const corners: Point[] = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ].map((corner) => toOriginalPoint(corner as Point, transform));
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  return {
    x0: Math.round(Math.max(0, Math.min(...xs))),
    y0: Math.round(Math.max(0, Math.min(...ys))),
    x1: Math.round(Math.min(transform.width, Math.max(...xs))),
    y1: Math.round(Math.min(transform.height, Math.max(...ys))),
  };
}
