import {
  formatAddress,
  gaps,
  intervalToCidrs,
  overlappingPairs,
  parseAddress,
  parseCidr,
  parseRange,
  pointsWithin,
  union,
} from "../lib/model/ip";

describe("parseAddress", () => {
  test.each([
    ["192.168.1.10", 0xc0a8010a],
    ["0.0.0.0", 0],
    ["255.255.255.255", 0xffffffff],
  ])("accepts %s", (text, value) => {
    expect(parseAddress(text)).toEqual({ ok: true, value });
  });

  test.each([
    ["10.1", "shorthand"],
    ["010.0.0.1", "leading zero"],
    ["0x0a.0.0.1", "not an IPv4"],
    ["::1", "IPv6"],
    ["fe80::1", "IPv6"],
    ["192.168.1.0/24", "/prefix"],
    ["256.1.1.1", "greater than 255"],
    ["", "empty"],
    [" 10.0.0.1", "spaces"],
    ["10.0.0.1 ", "spaces"],
    ["10.0.0", "shorthand"],
    ["a.b.c.d", "not an IPv4"],
    ["1.2.3.4.5", "four dot-separated"],
  ])("rejects %j (%s)", (text, reason) => {
    const r = parseAddress(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toContain(reason);
  });

  test("suggests the address without the leading zero", () => {
    const r = parseAddress("010.0.0.1");
    expect(r.ok ? undefined : r.suggestion).toBe("10.0.0.1");
  });
});

describe("parseCidr", () => {
  test("accepts an aligned block and gives its interval", () => {
    expect(parseCidr("192.168.120.128/25")).toEqual({
      ok: true,
      value: { first: 0xc0a87880, last: 0xc0a878ff, prefix: 25 },
    });
  });

  test("accepts /0 and /32", () => {
    expect(parseCidr("0.0.0.0/0")).toEqual({ ok: true, value: { first: 0, last: 0xffffffff, prefix: 0 } });
    expect(parseCidr("10.0.0.7/32")).toEqual({
      ok: true,
      value: { first: 0x0a000007, last: 0x0a000007, prefix: 32 },
    });
  });

  test("rejects host bits and suggests the aligned block", () => {
    const r = parseCidr("192.168.120.130/25");
    expect(r).toMatchObject({ ok: false, suggestion: "192.168.120.128/25" });
  });

  test.each([
    "192.168.1.0/33",
    "192.168.1.0/-1",
    "192.168.1.0/",
    "192.168.1.0/024",
    "192.168.1.0",
    "10.1/8",
    "",
    "::/0",
  ])("rejects %j", (text) => {
    expect(parseCidr(text).ok).toBe(false);
  });

  test.each([
    ["10.30.0.64/62", "10.30.0.64/26", []],
    ["10.30.0.64/266", "10.30.0.64/26", []],
    ["10.0.0.0/244", "10.0.0.0/24", []],
    ["10.0.0.0/42", "10.0.0.0/24", []],
    ["10.0.0.0/81", "10.0.0.0/8", ["10.0.0.0/18"]],
  ])("reads the out-of-range prefix of %j as its likely meaning %j", (text, suggestion, alternatives) => {
    expect(parseCidr(text)).toMatchObject({ ok: false, suggestion, alternatives });
  });

  test("gives no prefix typo that would leave host bits", () => {
    // /2, /6 and /26 of 10.30.0.65: none is network-aligned.
    expect(parseCidr("10.30.0.65/62")).toMatchObject({ ok: false, suggestion: undefined, alternatives: [] });
  });

  test("names an IPv6 block as such", () => {
    expect(parseCidr("fd00:10:30::/64")).toEqual({
      ok: false,
      reason: "is an IPv6 block; only IPv4 is supported",
    });
  });

  test.each([
    ["10.30.0.64 - 10.30.0.127", "10.30.0.64/26"],
    ["10.30.0.64–10.30.0.127", "10.30.0.64/26"],
    ["10.30.0.64 — 10.30.0.127", "10.30.0.64/26"],
  ])("reads the range %j as the block %j, saying how it was read", (text, suggestion) => {
    const r = parseCidr(text);
    expect(r).toMatchObject({ ok: false, suggestion });
    expect(r.ok ? "" : r.reason).toBe(
      'is a first-last range (read as "10.30.0.64-10.30.0.127") where a CIDR is expected',
    );
  });

  test("compares numerically: 10.0.2.0/23 and 10.0.20.0/24 are far apart", () => {
    const a = parseCidr("10.0.2.0/23");
    const b = parseCidr("10.0.20.0/24");
    if (!a.ok || !b.ok) throw new Error("parse failed");
    expect(a.value.last).toBeLessThan(b.value.first);
  });
});

describe("parseRange", () => {
  test("accepts first-last", () => {
    expect(parseRange("192.168.120.31-192.168.120.40")).toEqual({
      ok: true,
      value: { first: 0xc0a8781f, last: 0xc0a87828 },
    });
  });

  test.each([
    ["192.168.120.40-192.168.120.31", "starts after it ends", "192.168.120.31-192.168.120.40"],
    ["192.168.120.31 - 192.168.120.40", "spaces", "192.168.120.31-192.168.120.40"],
    ["192.168.120.31", "single address", "192.168.120.31-192.168.120.31"],
    ["192.168.120.0/28", "CIDR", "192.168.120.2-192.168.120.14"],
  ])("rejects %j (%s) and suggests %j", (text, reason, suggestion) => {
    const r = parseRange(text);
    expect(r).toMatchObject({ ok: false, suggestion });
    expect(r.ok ? "" : r.reason).toContain(reason);
  });

  test.each([
    ["10.0.0.31 - 10.0.0.40", "spaces"],
    ["10.0.0.31–10.0.0.40", 'an en dash (–) for "-"'],
    ["10.0.0.31—10.0.0.40", 'an em dash (—) for "-"'],
    [" 10.0.0.31 – 10.0.0.40 ", 'spaces and an en dash (–) for "-"'],
    ["10.0.0.31\u221210.0.0.40", 'a minus sign (\u2212) for "-"'],
  ])("reads %j as first-last, says it is written with %s, and carries what it understood", (text, how) => {
    expect(parseRange(text)).toEqual({
      ok: false,
      reason: `is written with ${how}; read as "10.0.0.31-10.0.0.40"`,
      suggestion: "10.0.0.31-10.0.0.40",
      understood: { first: 0x0a00001f, last: 0x0a000028 },
    });
  });

  test("a range written with an en dash and backwards is read, reversed, and not checked as read", () => {
    expect(parseRange("10.0.0.40 – 10.0.0.31")).toEqual({
      ok: false,
      reason:
        'is written with spaces and an en dash (–) for "-"; read as "10.0.0.40-10.0.0.31", which starts after it ends',
      suggestion: "10.0.0.31-10.0.0.40",
      understood: undefined,
    });
  });

  test.each([
    "",
    "a-b",
    "10.0.0.1-",
    "10.0.0.1-10.0.0.2-10.0.0.3",
    "10.0.0.1,10.0.0.2",
    "10.0.0.1–10.0.0.2-10.0.0.3",
  ])("rejects %j", (text) => {
    expect(parseRange(text).ok).toBe(false);
  });
});

describe("interval helpers", () => {
  test("union merges overlapping and adjacent intervals", () => {
    expect(
      union([
        { first: 5, last: 9 },
        { first: 1, last: 3 },
        { first: 4, last: 4 },
        { first: 20, last: 30 },
      ]),
    ).toEqual([
      { first: 1, last: 9 },
      { first: 20, last: 30 },
    ]);
  });

  test("gaps lists the free parts of a block", () => {
    expect(
      gaps({ first: 0, last: 99 }, [
        { first: 10, last: 19 },
        { first: 50, last: 120 },
      ]),
    ).toEqual([
      { first: 0, last: 9 },
      { first: 20, last: 49 },
    ]);
  });

  test("intervalToCidrs covers a range with aligned blocks", () => {
    const blocks = intervalToCidrs({ first: 0xc0a87880, last: 0xc0a878ff });
    expect(blocks.map((b) => `${formatAddress(b.first)}/${b.prefix}`)).toEqual(["192.168.120.128/25"]);
    const odd = intervalToCidrs({ first: 1, last: 6 });
    expect(odd.map((b) => [b.first, b.prefix])).toEqual([
      [1, 32],
      [2, 31],
      [4, 31],
      [6, 32],
    ]);
  });

  test("overlappingPairs finds each overlapping pair once", () => {
    const items = [
      { first: 0, last: 10, label: "a" },
      { first: 5, last: 6, label: "b" },
      { first: 11, last: 20, label: "c" },
      { first: 20, last: 25, label: "d" },
    ];
    const pairs = overlappingPairs(items).map(([x, y]) => [x.label, y.label].sort().join(""));
    expect(pairs.sort()).toEqual(["ab", "cd"]);
  });

  test("pointsWithin returns the sorted points inside an interval", () => {
    const points = [1, 4, 8, 12].map((address) => ({ address }));
    expect(pointsWithin({ first: 3, last: 8 }, points).map((p) => p.address)).toEqual([4, 8]);
  });
});
