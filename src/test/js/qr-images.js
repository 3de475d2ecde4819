// Encodes each argument with the console's QR encoder and writes it as a PGM image (4 pixels per
// module, four-module quiet zone) for an independent decoder (zbarimg) to read back; prints one
// JSON line: the Reed-Solomon codewords of the ISO/IEC 18004 example and, per text, its file and version.
//   node qr-images.js QR_JS OUT_DIR TEXT...
"use strict";

const fs = require("fs");
const path = require("path");

const [qrJs, outDir, ...texts] = process.argv.slice(2);
const QrCode = require(path.resolve(qrJs));
const SCALE = 4;
const BORDER = 4;

// The standard's example "01234567" at version 1-M: 16 data codewords, 10 EC codewords.
const isoData = [0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11];
const out = { isoEc: QrCode._errorCorrection(isoData, 10), images: [] };

texts.forEach((text, i) => {
  const qr = QrCode.encode(text);
  const n = (qr.size + 2 * BORDER) * SCALE;
  const pixels = Buffer.alloc(n * n, 255);
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (!qr.dark(x, y)) continue;
      for (let dy = 0; dy < SCALE; dy++) {
        const row = ((y + BORDER) * SCALE + dy) * n;
        pixels.fill(0, row + (x + BORDER) * SCALE, row + (x + BORDER + 1) * SCALE);
      }
    }
  }
  const file = path.join(outDir, "qr-" + i + ".pgm");
  fs.writeFileSync(file, Buffer.concat([Buffer.from("P5 " + n + " " + n + " 255\n"), pixels]));
  out.images.push({ file, version: qr.version, mask: qr.mask });
});
try {
  QrCode.encode("x".repeat(300));
  out.tooLong = "accepted";
} catch (e) {
  out.tooLong = e.name;
}
console.log(JSON.stringify(out));
