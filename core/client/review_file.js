// Calame's offline review file: collects the answers and downloads them signed (HMAC-SHA256,
// written here in plain JavaScript: WebCrypto is missing from pages opened from disk in some
// browsers). The signed bytes are exactly the payload's JSON text inside the answers file.
(function () {
  "use strict";
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  function sha256(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var n = bytes.length, total = ((n + 9 + 63) >> 6) << 6, m = new Uint8Array(total), w = new Array(64);
    m.set(bytes);
    m[n] = 0x80;
    var bits = n * 8;
    for (var i = 0; i < 8; i++) { m[total - 1 - i] = bits & 0xff; bits = Math.floor(bits / 256); }
    for (var off = 0; off < total; off += 64) {
      for (var t = 0; t < 16; t++) {
        w[t] = (m[off + 4 * t] << 24) | (m[off + 4 * t + 1] << 16) | (m[off + 4 * t + 2] << 8) | m[off + 4 * t + 3];
      }
      for (t = 16; t < 64; t++) {
        var a15 = w[t - 15], a2 = w[t - 2];
        var s0 = ((a15 >>> 7) | (a15 << 25)) ^ ((a15 >>> 18) | (a15 << 14)) ^ (a15 >>> 3);
        var s1 = ((a2 >>> 17) | (a2 << 15)) ^ ((a2 >>> 19) | (a2 << 13)) ^ (a2 >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (k + S1 + ch + K[t] + w[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = new Uint8Array(32);
    for (i = 0; i < 8; i++) {
      out[4 * i] = h[i] >>> 24; out[4 * i + 1] = (h[i] >>> 16) & 0xff;
      out[4 * i + 2] = (h[i] >>> 8) & 0xff; out[4 * i + 3] = h[i] & 0xff;
    }
    return out;
  }

  function concat(x, y) { var r = new Uint8Array(x.length + y.length); r.set(x); r.set(y, x.length); return r; }

  function hmac(key, message) {
    if (key.length > 64) { key = sha256(key); }
    var k = new Uint8Array(64), inner = new Uint8Array(64), outer = new Uint8Array(64);
    k.set(key);
    for (var i = 0; i < 64; i++) { inner[i] = k[i] ^ 0x36; outer[i] = k[i] ^ 0x5c; }
    return sha256(concat(outer, sha256(concat(inner, message))));
  }

  function hex(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) { s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    return s;
  }

  function unhex(s) {
    var r = new Uint8Array(s.length / 2);
    for (var i = 0; i < r.length; i++) { r[i] = parseInt(s.substr(2 * i, 2), 16); }
    return r;
  }

  var data = JSON.parse(document.getElementById("calame-data").textContent);

  function answers() {
    var rows = {};
    var sections = document.querySelectorAll("section[data-ref]");
    for (var i = 0; i < sections.length; i++) {
      var ref = sections[i].getAttribute("data-ref");
      var text = sections[i].querySelector("textarea[name=text]").value;
      rows[ref] = {
        decision: sections[i].querySelector("select[name=decision]").value,
        comment: sections[i].querySelector("textarea[name=comment]").value,
        text: text === data.texts[ref] ? "" : text
      };
    }
    return {
      file: data.file, snapshot: data.snapshot, content_hash: data.content_hash,
      name: document.getElementById("name").value, overall: document.getElementById("overall").value,
      exported_at: new Date().toISOString(), rows: rows
    };
  }

  function signed() {
    var payload = JSON.stringify(answers());
    var signature = hex(hmac(unhex(data.key), new TextEncoder().encode(payload)));
    return '{"calame_review":1,"payload":' + payload + ',"signature":"' + signature + '"}';
  }

  window.calameSigned = signed;  // the test suite compares it with Calame's own check
  document.getElementById("export").addEventListener("click", function () {
    var blob = new Blob([signed()], {type: "application/json"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.filename;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    var done = document.getElementById("done");
    done.textContent = data.saved;
    done.hidden = false;
  });
})();
