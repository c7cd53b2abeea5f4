/**
 * Where each rule comes from, for `CookieIssue.source`: one entry per rule, cited by the rule
 * functions, the schema, the parser and the linter alike.
 */
export const RULE_SOURCES = Object.freeze({
  token: 'RFC 6265 §4.1.1; RFC 9110 §5.6.2',
  dollar: 'send-cookie seed; RFC 2109 §4.2.2',
  octets: 'RFC 6265 §4.1.1',
  ctl: 'RFC 9110 §5.5; draft-ietf-httpbis-rfc6265bis §5.6 step 1',
  ascii: 'RFC 6265 §4.1.1',
  nameValueSize: 'draft-ietf-httpbis-rfc6265bis §5.6 step 5',
  attributeSize: 'draft-ietf-httpbis-rfc6265bis §5.6 step 6',
  domain: 'RFC 6265 §4.1.1, §4.1.2.3',
  domain2109: 'send-cookie seed; RFC 2109 §4.2.2, §4.3.2',
  path: 'RFC 6265 §4.1.1; draft-ietf-httpbis-rfc6265bis §5.6.4',
  maxAge:
    'send-cookie seed; RFC 2109 §4.2.2; draft-ietf-httpbis-rfc6265bis editor’s copy (PR 3376)',
  expires: 'RFC 9110 §5.6.7; draft-ietf-httpbis-rfc6265bis §4.1.1',
  sameSite: 'draft-ietf-httpbis-rfc6265bis §4.1.2.7',
  sameSiteNone: 'draft-ietf-httpbis-rfc6265bis §5.7 step 19',
  partitioned: 'draft-cutler-httpbis-partitioned-cookies (CHIPS)',
  secure: 'draft-ietf-httpbis-rfc6265bis §4.1.3.1',
  host: 'draft-ietf-httpbis-rfc6265bis §4.1.3.2',
  http: 'draft-ietf-httpbis-layered-cookies §4.1.3',
  version: 'send-cookie seed; RFC 2109 §4.2.2',
  legacy: 'RFC 6265 §9.3 (RFC 2109 is historic)',
  comment: 'RFC 2109 §4.2.2',
  priority: 'draft-west-cookie-priority-00',
  extension: 'draft-ietf-httpbis-rfc6265bis §4.1.1, §9.3',
  config: 'cookiesmith configuration schema',
  encoding: 'RFC 6265 §4.1.1 (values must be encoded to cookie-octets)',
  encodings: 'cookiesmith encodings',
  profiles: 'cookiesmith profiles',
  lifetime: 'draft-ietf-httpbis-rfc6265bis §5.5',
  duplicateName: 'draft-ietf-httpbis-rfc6265bis §4.1.1',
} as const);
