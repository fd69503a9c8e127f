"""The construct library from Python: the same site as the TypeScript consumer app synthesizes the same stacks,
rule violations raise exceptions naming the rule, site rules written in Python run, the report files are
written, and the engine's static members answer."""
import json
import pathlib
import re
import subprocess
import sys

import pytest
from cdktf import App
from tanzu_haproxy_network import (
    HaproxyMode,
    HaproxyOva,
    ISiteRuleReporter,
    NetworkPlan,
    HaproxyPlan,
    PlanChecks,
    RuleCatalogue,
    Severity,
    SiteRule,
    SiteRules,
    SynthesizedPlan,
    TopologyAdvisor,
)

import site_app

ROOT = pathlib.Path(__file__).resolve().parents[2]
STACKS = ["site-a", "site-a-supervisor"]


def synth_typescript(outdir: pathlib.Path) -> None:
    subprocess.run(
        ["node", "--import", "tsx", str(ROOT / "test" / "python" / "ts-site.ts"), str(outdir)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def without_credential_overrides(config: dict) -> dict:
    """The stack's configuration without cdktf's record of the Python app's overrides that take the provider's
    user and password out (the Python binding asks for both; TypeScript's `{} as VsphereProviderConfig` omits
    them)."""
    config = json.loads(json.dumps(config))
    overrides = config["//"]["metadata"].get("overrides", {})
    assert overrides.pop("vsphere", None) in (None, ["user", "password"])
    return config


def test_python_and_typescript_synthesize_identical_stacks_and_reports(tmp_path):
    site_app.synth(str(tmp_path / "py"))
    synth_typescript(tmp_path / "ts")
    for stack in STACKS:
        py, ts = tmp_path / "py" / "stacks" / stack, tmp_path / "ts" / "stacks" / stack
        py_config = json.loads((py / "cdk.tf.json").read_text())
        ts_config = json.loads((ts / "cdk.tf.json").read_text())
        assert without_credential_overrides(py_config) == without_credential_overrides(ts_config)
        reports = sorted(p.name for p in ts.iterdir() if p.suffix in (".md", ".svg", ".json") and p.name != "cdk.tf.json")
        assert sorted(p.name for p in py.iterdir() if p.name in reports) == reports
        for name in reports:
            assert (py / name).read_bytes() == (ts / name).read_bytes(), name
    assert (tmp_path / "py" / "stacks" / "site-a" / "ip-plan.md").stat().st_size > 0


def test_the_report_files_are_written(tmp_path):
    app = App(outdir=str(tmp_path))
    site = site_app.SiteStack(app, "site-a")
    app.synth()
    out = tmp_path / "stacks" / "site-a"
    plan = (out / "ip-plan.md").read_text()
    assert "192.168.120.128/25" in plan
    svg = (out / "address-map.svg").read_text()
    assert svg.startswith("<?xml") and "<svg " in svg and svg.rstrip().endswith("</svg>")
    files = SynthesizedPlan.report_files(site, str(out))
    assert files["ip-plan.md"] == plan


def test_a_rule_violation_raises_an_exception_naming_the_rule(tmp_path):
    app = App(outdir=str(tmp_path))
    # The VIP block holds the primary workload network's node range 192.168.120.31-40.
    site_app.SiteStack(app, "site-a", virtual_ip_cidrs=["192.168.120.0/26"])
    with pytest.raises(Exception) as raised:
        app.synth()
    assert re.search(r"\[site-a/haproxy\] VIP-01 virtualIpCidrs\[0\]: .*\"192\.168\.120\.0/26\"", str(raised.value))
    assert not (tmp_path / "stacks" / "site-a" / "cdk.tf.json").exists()


class VlanCeiling(SiteRule):
    """A site rule written in Python: VLAN ids of created port groups at most `ceiling`."""

    def __init__(self, ceiling: int) -> None:
        super().__init__(id="ACME-20", severity=Severity.ERROR, summary=f"VLAN ids are at most {ceiling}.")
        self.ceiling = ceiling

    def check_network(self, network: NetworkPlan, report: ISiteRuleReporter) -> None:
        for pg in network.port_groups:
            if pg.props.vlan_id is not None and pg.props.vlan_id > self.ceiling:
                report.report(f"{pg.path}.vlanId", f"VLAN id {pg.props.vlan_id} of {pg.name!r} is above {self.ceiling}.")


class OneVipBlock(SiteRule):
    """A site rule written in Python on the appliance's side: at most one VIP block, a /25 or smaller."""

    def __init__(self) -> None:
        super().__init__(id="ACME-21", severity=Severity.WARN, summary="One VIP block, a /25 or smaller.")

    def check_haproxy(self, network: NetworkPlan, haproxy: HaproxyPlan, report: ISiteRuleReporter) -> None:
        for vip in haproxy.virtual_ips[1:]:
            report.report(vip.path, "only one VIP block on this site.")
        for vip in haproxy.virtual_ips:
            if vip.cidr.prefix < 25:
                report.report(vip.path, f"the VIP block is a /{vip.cidr.prefix}; use a /25.")


def test_a_site_rule_written_in_python_runs(tmp_path):
    failing = site_app.SiteStack(App(outdir=str(tmp_path / "a")), "site-a", site_rules=[VlanCeiling(100)])
    with pytest.raises(Exception) as raised:
        SynthesizedPlan.assert_valid(failing)
    assert "[site-a/network] ACME-20 primaryWorkloadNetwork.portGroup.vlanId: VLAN id 120 of 'wl-120' is above 100." in str(raised.value)

    passing = site_app.SiteStack(
        App(outdir=str(tmp_path / "b")),
        "site-a",
        site_rules=[VlanCeiling(120), OneVipBlock(), SiteRules.max_vip_prefix("ACME-01", 25)],
    )
    SynthesizedPlan.assert_valid(passing)
    assert [d.rule_id for d in passing.network.diagnostics if d.rule_id.startswith("ACME")] == []

    warned = site_app.SiteStack(
        App(outdir=str(tmp_path / "c")),
        "site-a",
        virtual_ip_cidrs=["192.168.120.128/26", "192.168.120.192/26"],
        site_rules=[OneVipBlock()],
    )
    assert [(d.rule_id, d.path, d.message) for d in warned.haproxy.diagnostics if d.rule_id == "ACME-21"] == [
        ("ACME-21", "virtualIpCidrs[1]", "only one VIP block on this site.")
    ]


class NoDefaultMode(SiteRule):
    """The README's site rule."""

    def __init__(self) -> None:
        super().__init__(id="ACME-10", severity=Severity.ERROR, summary="Production sites run frontend mode.")

    def check_haproxy(self, network, haproxy, report) -> None:
        if haproxy.props.mode != HaproxyMode.FRONTEND:
            report.report("mode", "only frontend mode is allowed on this site.")


def test_the_readme_site_rule_fails_default_mode(tmp_path):
    stack = site_app.SiteStack(App(outdir=str(tmp_path)), "site-a", site_rules=[NoDefaultMode()])
    with pytest.raises(RuntimeError, match=r"\[site-a/haproxy\] ACME-10 mode: only frontend mode is allowed on this site\."):
        SynthesizedPlan.assert_valid(stack)


def test_a_python_site_rule_in_the_catalogue_namespace_is_refused(tmp_path):
    class Taken(SiteRule):
        def __init__(self) -> None:
            super().__init__(id="VIP-99", severity=Severity.ERROR, summary="Taken.")

    with pytest.raises(Exception, match=r"CFG-03 siteRules\[0\]\.id: site rule id \"VIP-99\" uses the catalogue's prefix VIP-"):
        site_app.SiteStack(App(outdir=str(tmp_path)), "site-a", site_rules=[Taken()])


def test_the_engine_the_advisor_and_the_catalogue_are_static_members():
    advice = TopologyAdvisor.advise(
        isolate_supervisor_from_clusters=False,
        isolate_clusters_from_each_other=False,
        keep_clients_off_node_networks=True,
    )
    assert advice.mode == HaproxyMode.FRONTEND
    vip01 = RuleCatalogue.find("VIP-01")
    assert vip01.id == "VIP-01" and vip01.severity in (Severity.ERROR, Severity.WARN)
    assert [r.id for r in RuleCatalogue.all()][:1] == ["IP-01"]
    assert RuleCatalogue.find("ACME-01") is None
    assert HaproxyOva.from_release("v0.1.10").version == "v0.1.10"
    with pytest.raises(Exception, match=r'unknown appliance release "v9"'):
        HaproxyOva.from_release("v9")


def test_the_readme_python_app_synthesizes_its_stack_and_report(tmp_path):
    readme = (ROOT / "README.md").read_text()
    app = re.findall(r"^```python\n(.*?)^```$", readme, flags=re.S | re.M)[0]
    (tmp_path / "main.py").write_text(app)
    subprocess.run([sys.executable, "main.py"], cwd=tmp_path, check=True, capture_output=True)
    out = tmp_path / "cdktf.out" / "stacks" / "site-a"
    config = json.loads((out / "cdk.tf.json").read_text())
    assert "vsphere_virtual_machine" in config["resource"]
    assert "192.168.120.128/25" in (out / "ip-plan.md").read_text()
