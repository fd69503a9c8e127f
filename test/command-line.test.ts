import { parseCommandLine } from "../bin/command-line";

describe("the command line, parsed strictly", () => {
  test.each([
    [["--site", "a.json"], {}, { kind: "synth", files: ["a.json"] }],
    [["--site", "a.json, b.json"], {}, { kind: "synth", files: ["a.json", "b.json"] }],
    [["--site", "a.json", "--site=b.json"], {}, { kind: "synth", files: ["a.json", "b.json"] }],
    [["--site", "a.json"], { SITE_CONFIG: "env.json" }, { kind: "synth", files: ["a.json"] }],
    [[], { SITE_CONFIG: "env.json,other.json" }, { kind: "synth", files: ["env.json", "other.json"] }],
    [[], {}, { kind: "synth" }],
    [["--list-rules"], {}, { kind: "list-rules" }],
    [["-h"], {}, { kind: "help" }],
    [["--help", "--site", "a.json"], {}, { kind: "help" }],
  ])("%j with %j → %j", (argv, env, command) => {
    expect(parseCommandLine(argv, env)).toEqual(command);
  });

  test.each([
    [["--sites", "my.json"], {}, "unknown option --sites. Did you mean --site?"],
    [["--sites=my.json"], {}, "unknown option --sites. Did you mean --site?"],
    [["--list-rule"], {}, "unknown option --list-rule. Did you mean --list-rules?"],
    [
      ["--verbose"],
      {},
      "unknown option --verbose. The options are --site, --sites-dir, --list-rules, --help.",
    ],
    [["--site"], {}, "--site needs the site file(s) to synthesize, e.g. --site my-site.json."],
    [
      [],
      { SITE_CONFIG: "" },
      'SITE_CONFIG "" names no site file. Give one (SITE_CONFIG=my-site.json), or unset it (unset SITE_CONFIG) for the four examples.',
    ],
    [
      ["--site", "--list-rules"],
      {},
      "--site needs the site file(s) to synthesize, e.g. --site my-site.json.",
    ],
    [["--site="], {}, "--site needs the site file(s) to synthesize, e.g. --site my-site.json."],
    [["--site", " , "], {}, "--site needs the site file(s) to synthesize, e.g. --site my-site.json."],
    [["my.json"], {}, 'unexpected argument "my.json"; to synthesize a site file, write --site my.json.'],
    [["--help=yes"], {}, "--help takes no value."],
    [
      [],
      { SITE_CONFIG: "," },
      'SITE_CONFIG "," names no site file. Give one (SITE_CONFIG=my-site.json), or unset it (unset SITE_CONFIG) for the four examples.',
    ],
    [
      ["--site", "x.json", "--site", "x.json"],
      {},
      '--site names the site file "x.json" twice: give each site file once, e.g. --site x.json.',
    ],
    [
      ["--site", "a.json,x.json,./x.json"],
      {},
      '--site names the site file "x.json" twice (also as "./x.json"): give each site file once, e.g. --site a.json,x.json.',
    ],
    [
      [],
      { SITE_CONFIG: "x.json,x.json" },
      'SITE_CONFIG names the site file "x.json" twice: give each site file once, e.g. SITE_CONFIG=x.json.',
    ],
  ])("%j with %j is a usage error: %s", (argv, env, message) => {
    expect(parseCommandLine(argv, env)).toEqual({ kind: "usage-error", message });
  });
});
