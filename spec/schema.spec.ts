import { expect } from 'chai';
import { z } from 'zod';
import {
  Cookie,
  type CookieAttributes,
  type CookieConfig,
  cookieAttributesSchema,
  cookieConfigSchema,
} from '../src/index.js';
import { accepts, rejects } from './support/issues.js';

/** The rule a custom zod issue carries, as the embedding application sees it. */
function ruleOf(issue: z.core.$ZodIssue): string | undefined {
  return (issue as { params?: { rule?: string } }).params?.rule;
}

/** `[path, rule or zod code]` of each zod issue, for an application's own schema. */
function zodIssues(error: z.ZodError): [string, string][] {
  return error.issues.map((issue) => [issue.path.join('.'), ruleOf(issue) ?? issue.code]);
}

describe('cookieConfigSchema', () => {
  const appSchema = z.object({
    service: z.string(),
    session: cookieConfigSchema,
    extra: z.array(cookieConfigSchema).default([]),
  });

  describe('embedded in an application schema', () => {
    it('parses a cookie config and normalises it', () => {
      const parsed = appSchema.parse({
        service: 'shop',
        session: {
          name: 'sid',
          value: 'x',
          domain: '.example.com',
          sameSite: 'lax',
          priority: 'HIGH',
          maxAge: { hours: 2 },
          expires: '2030-01-01T00:00:00Z',
        },
      });
      expect(parsed.session.sameSite).to.equal('Lax');
      expect(parsed.session.priority).to.equal('High');
      expect(parsed.session.maxAge).to.equal(7200);
      expect(parsed.session.expires).to.be.instanceOf(Date);
      expect(parsed.session.expires?.toISOString()).to.equal('2030-01-01T00:00:00.000Z');
      expect(parsed.extra).to.deep.equal([]);
      // The output is what Cookie.from accepts.
      expect(Cookie.from(parsed.session).toString()).to.equal(
        'sid=x; Version=1; Domain=.example.com; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Max-Age=7200; SameSite=Lax; Priority=High',
      );
    });

    it('reports field rules and cross-field rules under the application path', () => {
      const result = appSchema.safeParse({
        service: 'shop',
        session: { name: '__Host-sid', value: 'x', domain: 'example.com' },
        extra: [{ name: 'a', value: 'b', sameSite: 'None' }],
      });
      expect(result.success).to.equal(false);
      if (result.success) return;
      expect(zodIssues(result.error)).to.have.deep.members([
        ['session.domain', 'domain_leading_dot'],
        ['session.secure', 'prefix_host'],
        ['session.path', 'prefix_host'],
        ['session.domain', 'prefix_host'],
        ['extra.0.secure', 'same_site_none_insecure'],
      ]);
    });

    it('refuses unknown keys (strict)', () => {
      const result = appSchema.safeParse({
        service: 'shop',
        session: { name: 'sid', value: 'x', max_age: 60 },
      });
      expect(result.success).to.equal(false);
      if (result.success) return;
      expect(zodIssues(result.error)).to.deep.equal([['session', 'unrecognized_keys']]);
    });
  });

  describe('unknown keys', () => {
    for (const [key, hint] of [
      ['max_age', 'maxAge'],
      ['http_only', 'httpOnly'],
      ['same_site', 'sameSite'],
      ['httponly', 'httpOnly'],
      ['samesite', 'sameSite'],
      ['maxage', 'maxAge'],
      ['max-age', 'maxAge'],
      ['expire', 'expires'],
    ] as const) {
      it(`refuses ${key} with unknown_key on ${key} and hints at ${hint}`, () => {
        const result = Cookie.safeFrom({ name: 'sid', value: 'x', [key]: 1 });
        expect(rejects({ name: 'sid', value: 'x', [key]: 1 })).to.deep.equal([
          [key, 'unknown_key'],
        ]);
        if (!result.success) expect(result.error.issues[0]?.message).to.include(`"${hint}"`);
      });
    }

    it('refuses every unknown key at once, together with the other problems', () => {
      expect(
        rejects({ name: 'sid', value: 'x', path: 'x', max_age: 1, http_only: true, colour: 'red' }),
      ).to.have.deep.members([
        ['path', 'path_syntax'],
        ['max_age', 'unknown_key'],
        ['http_only', 'unknown_key'],
        ['colour', 'unknown_key'],
      ]);
    });

    it('refuses the seed parameters in snake_case as one would port them', () => {
      const seedCall = {
        name: 'sid',
        value: 'x',
        comment: 'c',
        domain: '.example.com',
        path: '/',
        secure: true,
        version: 1,
        max_age: 0,
        http_only: true,
      };
      expect(rejects(seedCall)).to.deep.equal([
        ['max_age', 'unknown_key'],
        ['http_only', 'unknown_key'],
      ]);
      const { max_age, http_only, ...rest } = seedCall;
      expect(accepts({ ...rest, maxAge: max_age, httpOnly: http_only }).toString()).to.equal(
        'sid=x; Version=1; Comment=c; Domain=.example.com; Path=/; Max-Age=0; Secure; HttpOnly',
      );
    });
  });

  describe('the JSON form of expires', () => {
    const expected = 'Expires=Tue, 01 Jan 2030 12:00:00 GMT';

    it('accepts a Date, an ISO string with Z or an offset, and epoch milliseconds alike', () => {
      for (const expires of [
        new Date('2030-01-01T12:00:00Z'),
        '2030-01-01T12:00:00Z',
        '2030-01-01T12:00:00.000Z',
        '2030-01-01T14:00:00+02:00',
        '2030-01-01T07:00:00-0500',
        Date.UTC(2030, 0, 1, 12),
      ]) {
        expect(accepts({ name: 'sid', value: 'x', expires }).toString()).to.include(expected);
      }
    });

    it('accepts the 29th of February in a leap year', () => {
      expect(accepts({ name: 'sid', value: 'x', expires: '2028-02-29' }).toString()).to.include(
        'Expires=Tue, 29 Feb 2028 00:00:00 GMT',
      );
    });

    it('reads a date without a time as midnight UTC', () => {
      expect(accepts({ name: 'sid', value: 'x', expires: '2030-01-01' }).toString()).to.include(
        'Expires=Tue, 01 Jan 2030 00:00:00 GMT',
      );
    });

    it("refuses a date-time without Z or offset: it would depend on the server's time zone", () => {
      const saved = process.env.TZ;
      const results: string[] = [];
      try {
        for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
          process.env.TZ = tz;
          const result = Cookie.safeFrom({ name: 'sid', value: 'x', expires: '2030-01-01T12:00' });
          results.push(result.success ? result.cookie.toString() : 'refused');
        }
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
      expect(new Set(results).size).to.equal(1);
      expect(rejects({ name: 'sid', value: 'x', expires: '2030-01-01T12:00:00' })).to.deep.equal([
        ['expires', 'expires_date'],
      ]);
    });

    it('round-trips through JSON.stringify and JSON.parse', () => {
      const cookie = Cookie.from({
        name: 'sid',
        value: 'x',
        expires: new Date('2030-01-01T12:00:00.456Z'),
        maxAge: { days: 1 },
      });
      const json = JSON.parse(JSON.stringify(cookie));
      expect(json.expires).to.equal('2030-01-01T12:00:00.000Z');
      expect(json.maxAge).to.equal(86400);
      expect(Cookie.from(json).equals(cookie)).to.equal(true);
    });

    it('refuses strings that are not ISO dates', () => {
      for (const expires of [
        'next week',
        '01/01/2030',
        '2030-13-01',
        '2030-01-01T25:00:00Z',
        '',
        '2030-02-30',
        '2030-04-31T12:00:00Z',
        '2029-02-29',
      ]) {
        expect(rejects({ name: 'sid', value: 'x', expires })).to.deep.equal([
          ['expires', 'expires_date'],
        ]);
      }
    });
  });
});

describe('cookieAttributesSchema', () => {
  const policyFile = z.object({ defaults: cookieAttributesSchema });

  it('accepts every attribute without name and value', () => {
    const parsed = policyFile.parse({
      defaults: {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'strict',
        maxAge: { days: 7 },
        expires: 1_900_000_000_000,
        priority: 'low',
        partitioned: true,
        encoding: 'base64url',
        profile: 'rfc6265',
        extensions: [{ name: 'Foo', value: 'bar' }],
      },
    });
    expect(parsed.defaults.sameSite).to.equal('Strict');
    expect(parsed.defaults.maxAge).to.equal(7 * 86400);
    expect(parsed.defaults.expires).to.be.instanceOf(Date);
    const cookie = Cookie.from({ name: '__Host-sid', value: 'x', ...parsed.defaults });
    expect(cookie.toString()).to.match(/^__Host-sid=eA; Path=\/; Expires=[^;]*; Max-Age=604800; /);
  });

  it('refuses name and value, unknown keys and bad attribute values', () => {
    const result = policyFile.safeParse({
      defaults: { name: 'sid', value: 'x', path: 'nope', same_site: 'Lax', sameSite: 'sometimes' },
    });
    expect(result.success).to.equal(false);
    if (result.success) return;
    expect(zodIssues(result.error)).to.have.deep.members([
      ['defaults.path', 'path_syntax'],
      ['defaults.sameSite', 'same_site_value'],
      ['defaults', 'unrecognized_keys'],
    ]);
  });

  it('infers the CookieAttributes and CookieConfig types from the schemas', () => {
    const attributes: CookieAttributes = { path: '/', maxAge: { hours: 1 }, expires: '2030-01-01' };
    const config: CookieConfig = { name: 'sid', value: 'x', ...attributes };
    expect(cookieAttributesSchema.safeParse(attributes).success).to.equal(true);
    expect(cookieConfigSchema.safeParse(config).success).to.equal(true);
  });
});
