// warcio-check.cjs WARCIO_DIR FILE... - read each WARC file with
// Webrecorder's warcio (npm), print one line per record, and check the
// WARC-Block-Digest and WARC-Payload-Digest each record declares against
// the bytes warcio gives: the block as read, and the payload after the
// HTTP headers warcio parsed.  Exits 1 on a mismatch or a parse error.
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { WARCParser } = require(process.argv[2]);

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(buf) {
	let bits = 0, acc = 0, s = '';
	for (const b of buf) {
		acc = (acc << 8) | b; bits += 8;
		while (bits >= 5) { bits -= 5; s += B32[(acc >>> bits) & 31]; }
		acc &= 0xff;
	}
	if (bits) s += B32[(acc << (5 - bits)) & 31];
	while (s.length % 8) s += '=';
	return s;
}
function digest(spec, data) {
	const [algo, value] = spec.split(':');
	const md = crypto.createHash(algo === 'sha1' ? 'sha1' : 'sha256').update(data).digest();
	return value === base32(md) || value.toLowerCase() === md.toString('hex');
}

async function records(file, parseHttp) {
	const out = [];
	const parser = new WARCParser(fs.createReadStream(file), { parseHttp });
	for await (const r of parser) {
		const body = Buffer.from(await r.readFully(false));
		out.push({ r, body });
	}
	return out;
}

async function check(file) {
	let bad = 0;
	const raw = await records(file, false);
	const http = await records(file, true);
	if (raw.length !== http.length || !raw.length)
		throw new Error(`${file}: ${raw.length} records, then ${http.length}`);
	raw.forEach(({ r, body }, i) => {
		const h = r.warcHeaders.headers;
		const type = h.get('WARC-Type'), block = h.get('WARC-Block-Digest');
		const payload = h.get('WARC-Payload-Digest');
		const line = [type, h.get('WARC-Target-URI') || '-', `length=${body.length}`];
		if (block) {
			const ok = digest(block, body);
			line.push(`block=${ok ? 'ok' : 'MISMATCH'}`);
			bad += !ok;
		}
		if (payload) {
			const p = http[i];
			const ok = digest(payload, p.body);
			line.push(`payload=${ok ? 'ok' : 'MISMATCH'}`);
			if (p.r.httpHeaders)
				line.push(`status=${p.r.httpHeaders.statusCode}`);
			bad += !ok;
		}
		console.log(line.join(' '));
	});
	return bad;
}

(async () => {
	let bad = 0;
	for (const f of process.argv.slice(3))
		bad += await check(f);
	process.exit(bad ? 1 : 0);
})().catch((e) => { console.error(`warcio: ${e.message}`); process.exit(2); });
