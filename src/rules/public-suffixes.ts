// Public suffixes: the domains under which anyone can register a name, for which browsers refuse
// a Domain attribute (6265bis §5.7 step 9). Browsers use the whole Public Suffix List, some
// ten thousand rules with wildcards and exceptions; cookiesmith carries no data file and depends
// on zod alone, so this is a small excerpt, chosen by hand:
//
// - every single label (`com`, `test`, `localhost`): the list's implicit rule "*" makes each
//   top-level label a public suffix, which is why browsers refuse `Domain=test`;
// - the registry suffixes of some large country domains, and the shared hosting suffixes users
//   are most likely to write.
//
// Source: the Public Suffix List, https://publicsuffix.org/list/public_suffix_list.dat (read in
// the publicsuffix/list repository); entries chosen 2026-12-04. Limits: a suffix not below is not
// recognised (`pvt.k12.ma.us`, most of the private section, every wildcard rule such as
// `*.compute.amazonaws.com`), so lint passes a Domain that browsers refuse for it; nothing here
// is a false alarm, since each entry is on the list.

const SUFFIXES: readonly string[] = [
  // ICANN section: second-level registries
  'ac.uk co.uk gov.uk ltd.uk me.uk net.uk nhs.uk org.uk plc.uk police.uk',
  'ac.jp ad.jp co.jp ed.jp go.jp gr.jp lg.jp ne.jp or.jp',
  'com.au net.au org.au edu.au gov.au asn.au id.au',
  'ac.nz co.nz geek.nz gen.nz govt.nz net.nz org.nz school.nz',
  'co.in firm.in net.in org.in gen.in ind.in ac.in edu.in res.in gov.in',
  'com.br net.br org.br gov.br edu.br',
  'com.cn net.cn org.cn gov.cn edu.cn ac.cn',
  'com.hk net.hk org.hk edu.hk gov.hk',
  'ac.il co.il gov.il net.il org.il',
  'ac.id co.id go.id or.id web.id',
  'ac.at co.at gv.at or.at',
  'com.ar com.es gob.es com.fr com.ru',
  // Private section: shared hosting, where every customer's site is its own registrable domain
  'github.io githubusercontent.com gitlab.io herokuapp.com appspot.com blogspot.com',
  'firebaseapp.com cloudfront.net s3.amazonaws.com elasticbeanstalk.com azurewebsites.net',
  'cloudapp.net netlify.com ngrok.io js.org rhcloud.com googleapis.com cloudfunctions.net',
  'duckdns.org eu.org no-ip.org ddns.net dyndns.org',
].flatMap((line) => line.split(' '));

const PUBLIC_SUFFIXES: ReadonlySet<string> = new Set(SUFFIXES);

/** How many suffixes of more than one label the excerpt holds (for the docs). */
export const PUBLIC_SUFFIX_COUNT = PUBLIC_SUFFIXES.size;

/**
 * True when `domain` (lowercase, without a leading dot) is a public suffix: a single label, or
 * a suffix of the excerpt above.
 */
export function isPublicSuffix(domain: string): boolean {
  return !domain.includes('.') || PUBLIC_SUFFIXES.has(domain);
}

/**
 * The registrable domain of a host (the public suffix and the label before it), as far as the
 * excerpt knows; the host itself when it is a public suffix or an IP address.
 */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  if (labels.length < 2 || /^[\d.]+$/.test(host)) return host;
  for (let i = 1; i < labels.length - 1; i++) {
    if (PUBLIC_SUFFIXES.has(labels.slice(i).join('.'))) return labels.slice(i - 1).join('.');
  }
  return labels.slice(-2).join('.');
}
