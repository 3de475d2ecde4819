// A small QR code encoder (ISO/IEC 18004): byte mode (UTF-8, with an ECI header when not ASCII),
// error correction level M, versions 1 to 10 (up to 213 bytes), plenty for a SIP account URI. Written for the sipyard console; no
// dependencies. QrCode.encode(text) returns {size, dark(x, y)}; QrCode.svg(text, document) an <svg>.
"use strict";

const QrCode = (() => {
  // Level M per version 1..10: EC codewords per block, then [block count, data codewords] groups.
  const LEVEL_M = [
    null,
    { ec: 10, groups: [[1, 16]] },
    { ec: 16, groups: [[1, 28]] },
    { ec: 26, groups: [[1, 44]] },
    { ec: 18, groups: [[2, 32]] },
    { ec: 24, groups: [[2, 43]] },
    { ec: 16, groups: [[4, 27]] },
    { ec: 18, groups: [[4, 31]] },
    { ec: 22, groups: [[2, 38], [2, 39]] },
    { ec: 22, groups: [[3, 36], [2, 37]] },
    { ec: 26, groups: [[4, 43], [1, 44]] },
  ];
  const ALIGNMENT = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42],
    [6, 26, 46], [6, 28, 50]];
  const FORMAT_LEVEL_M = 0; // the two EC-level bits of the format information: L=1, M=0, Q=3, H=2

  // GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
  const EXP = new Uint8Array(512);
  const LOG = new Uint8Array(256);
  for (let i = 0, v = 1; i < 255; i++) {
    EXP[i] = v;
    LOG[v] = i;
    v <<= 1;
    if (v & 0x100) v ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
  const mul = (a, b) => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]]);

  /** Coefficients of prod (x - a^i), i < degree, highest power first, leading 1 dropped. */
  function generator(degree) {
    let poly = [1];
    for (let i = 0; i < degree; i++) {
      const next = new Array(poly.length + 1).fill(0);
      for (let j = 0; j < poly.length; j++) {
        next[j] ^= poly[j];
        next[j + 1] ^= mul(poly[j], EXP[i]);
      }
      poly = next;
    }
    return poly.slice(1);
  }

  /** The EC codewords: the remainder of data(x) * x^degree divided by the generator. */
  function errorCorrection(data, degree) {
    const gen = generator(degree);
    const rem = new Array(degree).fill(0);
    for (const byte of data) {
      const factor = byte ^ rem.shift();
      rem.push(0);
      for (let i = 0; i < degree; i++) rem[i] ^= mul(gen[i], factor);
    }
    return rem;
  }

  function dataCapacity(version) {
    return LEVEL_M[version].groups.reduce((sum, [count, size]) => sum + count * size, 0);
  }

  /** The data codewords: mode, length, the bytes, terminator, padding. */
  function dataCodewords(bytes, version) {
    const bits = [];
    const put = (value, length) => {
      for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
    };
    if (bytes.some((b) => b > 0x7f)) {
      put(0b0111, 4); // ECI 26: the bytes are UTF-8 (readers otherwise guess ISO-8859-1 or Shift JIS)
      put(26, 8);
    }
    put(0b0100, 4);
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach((b) => put(b, 8));
    const capacityBits = dataCapacity(version) * 8;
    put(0, Math.min(4, capacityBits - bits.length));
    put(0, (8 - (bits.length % 8)) % 8);
    const out = [];
    for (let i = 0; i < bits.length; i += 8) {
      out.push(bits.slice(i, i + 8).reduce((v, bit) => (v << 1) | bit, 0));
    }
    for (let pad = 0xec; out.length < dataCapacity(version); pad ^= 0xec ^ 0x11) out.push(pad);
    return out;
  }

  /** Splits into blocks, adds each block's EC, and interleaves (data columns, then EC columns). */
  function finalCodewords(data, version) {
    const { ec, groups } = LEVEL_M[version];
    const blocks = [];
    let at = 0;
    for (const [count, size] of groups) {
      for (let i = 0; i < count; i++) {
        const part = data.slice(at, at + size);
        at += size;
        blocks.push({ data: part, ec: errorCorrection(part, ec) });
      }
    }
    const out = [];
    const longest = Math.max(...blocks.map((b) => b.data.length));
    for (let i = 0; i < longest; i++) blocks.forEach((b) => i < b.data.length && out.push(b.data[i]));
    for (let i = 0; i < ec; i++) blocks.forEach((b) => out.push(b.ec[i]));
    return out;
  }

  class Grid {
    constructor(version) {
      this.version = version;
      this.size = version * 4 + 17;
      this.dark = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
      this.reserved = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
    }

    fn(x, y, dark) {
      this.dark[y][x] = dark;
      this.reserved[y][x] = true;
    }

    drawFunctionPatterns() {
      const n = this.size;
      for (let i = 0; i < n; i++) {
        this.fn(6, i, i % 2 === 0);
        this.fn(i, 6, i % 2 === 0);
      }
      this.finder(3, 3);
      this.finder(n - 4, 3);
      this.finder(3, n - 4);
      const pos = ALIGNMENT[this.version];
      for (let i = 0; i < pos.length; i++) {
        for (let j = 0; j < pos.length; j++) {
          const onFinder = (i === 0 && j === 0) || (i === 0 && j === pos.length - 1) || (i === pos.length - 1 && j === 0);
          if (!onFinder) this.alignment(pos[i], pos[j]);
        }
      }
      this.drawFormat(0); // reserves the areas; redrawn once the mask is chosen
      this.drawVersion();
    }

    finder(cx, cy) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if (x < 0 || y < 0 || x >= this.size || y >= this.size) continue;
          const ring = Math.max(Math.abs(dx), Math.abs(dy));
          this.fn(x, y, ring !== 2 && ring !== 4);
        }
      }
    }

    alignment(cx, cy) {
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) this.fn(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }

    drawFormat(mask) {
      const data = (FORMAT_LEVEL_M << 3) | mask;
      let rem = data;
      for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
      const bits = ((data << 10) | rem) ^ 0x5412;
      const bit = (i) => ((bits >>> i) & 1) === 1;
      const n = this.size;
      for (let i = 0; i <= 5; i++) this.fn(8, i, bit(i));
      this.fn(8, 7, bit(6));
      this.fn(8, 8, bit(7));
      this.fn(7, 8, bit(8));
      for (let i = 9; i < 15; i++) this.fn(14 - i, 8, bit(i));
      for (let i = 0; i < 8; i++) this.fn(n - 1 - i, 8, bit(i));
      for (let i = 8; i < 15; i++) this.fn(8, n - 15 + i, bit(i));
      this.fn(8, n - 8, true);
    }

    drawVersion() {
      if (this.version < 7) return;
      let rem = this.version;
      for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      const bits = (this.version << 12) | rem;
      for (let i = 0; i < 18; i++) {
        const dark = ((bits >>> i) & 1) === 1;
        const a = this.size - 11 + (i % 3);
        const b = Math.floor(i / 3);
        this.fn(a, b, dark);
        this.fn(b, a, dark);
      }
    }

    /** Places the codewords in the two-column zigzag, skipping function modules. */
    drawCodewords(codewords) {
      let i = 0;
      const total = codewords.length * 8;
      for (let right = this.size - 1; right >= 1; right -= 2) {
        if (right === 6) right = 5;
        const upward = ((right + 1) & 2) === 0;
        for (let v = 0; v < this.size; v++) {
          const y = upward ? this.size - 1 - v : v;
          for (let j = 0; j < 2; j++) {
            const x = right - j;
            if (this.reserved[y][x]) continue;
            if (i < total) this.dark[y][x] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
            i++;
          }
        }
      }
    }

    applyMask(mask) {
      for (let y = 0; y < this.size; y++) {
        for (let x = 0; x < this.size; x++) {
          if (!this.reserved[y][x] && MASKS[mask](x, y)) this.dark[y][x] = !this.dark[y][x];
        }
      }
    }

    /** The standard's penalty score (runs, 2x2 blocks, finder-like patterns, dark balance). */
    penalty() {
      const n = this.size;
      let score = 0;
      const line = (get) => {
        let runColor = null;
        let run = 0;
        const seq = [];
        for (let i = 0; i < n; i++) {
          const c = get(i);
          seq.push(c);
          if (c === runColor) {
            run++;
            if (run === 5) score += 3;
            else if (run > 5) score++;
          } else {
            runColor = c;
            run = 1;
          }
        }
        const pattern = [true, false, true, true, true, false, true];
        for (let i = 0; i + 7 <= n; i++) {
          if (!pattern.every((p, k) => seq[i + k] === p)) continue;
          const lightBefore = i >= 4 && [1, 2, 3, 4].every((k) => !seq[i - k]);
          const lightAfter = i + 11 <= n && [0, 1, 2, 3].every((k) => !seq[i + 7 + k]);
          if (lightBefore || lightAfter) score += 40;
        }
      };
      for (let y = 0; y < n; y++) line((x) => this.dark[y][x]);
      for (let x = 0; x < n; x++) line((y) => this.dark[y][x]);
      let darkCount = 0;
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          if (this.dark[y][x]) darkCount++;
          if (x < n - 1 && y < n - 1) {
            const c = this.dark[y][x];
            if (c === this.dark[y][x + 1] && c === this.dark[y + 1][x] && c === this.dark[y + 1][x + 1]) score += 3;
          }
        }
      }
      score += Math.floor(Math.abs(darkCount * 20 - n * n * 10) / (n * n)) * 10;
      return score;
    }
  }

  const MASKS = [
    (x, y) => (x + y) % 2 === 0,
    (x, y) => y % 2 === 0,
    (x) => x % 3 === 0,
    (x, y) => (x + y) % 3 === 0,
    (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
    (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
    (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ];

  function encode(text) {
    const bytes = Array.from(new TextEncoder().encode(text));
    let version = 1;
    const eciBits = bytes.some((b) => b > 0x7f) ? 12 : 0;
    const fits = (v) => eciBits + 4 + (v < 10 ? 8 : 16) + bytes.length * 8 <= dataCapacity(v) * 8;
    while (version <= 10 && !fits(version)) version++;
    if (version > 10) throw new RangeError("too long for a QR code of version 10 (" + bytes.length + " bytes)");
    const codewords = finalCodewords(dataCodewords(bytes, version), version);
    let best = null;
    for (let mask = 0; mask < 8; mask++) {
      const grid = new Grid(version);
      grid.drawFunctionPatterns();
      grid.drawCodewords(codewords);
      grid.applyMask(mask);
      grid.drawFormat(mask);
      const score = grid.penalty();
      if (best === null || score < best.score) best = { grid, score, mask };
    }
    const { grid, mask } = best;
    return { version, mask, size: grid.size, dark: (x, y) => grid.dark[y][x] };
  }

  /** An <svg> of the code with a four-module quiet zone; dark modules as one path. */
  function svg(text, doc) {
    const qr = encode(text);
    const ns = "http://www.w3.org/2000/svg";
    const border = 4;
    const full = qr.size + border * 2;
    const el = doc.createElementNS(ns, "svg");
    el.setAttribute("viewBox", "0 0 " + full + " " + full);
    el.setAttribute("shape-rendering", "crispEdges");
    const bg = doc.createElementNS(ns, "rect");
    bg.setAttribute("width", String(full));
    bg.setAttribute("height", String(full));
    bg.setAttribute("fill", "#fff");
    el.appendChild(bg);
    let d = "";
    for (let y = 0; y < qr.size; y++) {
      for (let x = 0; x < qr.size; x++) {
        if (qr.dark(x, y)) d += "M" + (x + border) + "," + (y + border) + "h1v1h-1z";
      }
    }
    const path = doc.createElementNS(ns, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "#000");
    el.appendChild(path);
    return el;
  }

  return { encode, svg, _errorCorrection: errorCorrection };
})();

if (typeof module !== "undefined") module.exports = QrCode;
