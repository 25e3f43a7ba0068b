"""environment.yml (conda) and requirements.txt (pip lock) pin the same versions."""
import re

import yaml

import helpers


def lock():
    pins = {}
    for line in (helpers.ROOT / "requirements.txt").read_text().splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line):
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def conda_pins():
    env = yaml.safe_load((helpers.ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for spec in dep["pip"]:
                name, version = spec.split("==")
                pins[name.lower()] = version
        elif "=" in dep:
            name, version = dep.split("=", 1)
            pins[name.lower()] = version.lstrip("=")
    return pins


def test_environment_and_lock_agree():
    conda, pip = conda_pins(), lock()
    assert conda.pop("python").startswith("3.11")
    disagree = {name: (version, pip.get(name)) for name, version in conda.items() if pip.get(name) != version}
    assert not disagree, f"environment.yml vs requirements.txt: {disagree}"


def test_every_direct_requirement_is_locked_and_in_environment():
    conda, pip = conda_pins(), lock()
    direct = [line.split("==")[0].lower() for line in (helpers.ROOT / "requirements.in").read_text().splitlines()
              if line and not line.startswith("#")]
    assert direct
    for name in direct:
        assert name in pip, f"{name} is in requirements.in but not locked"
        assert name in conda, f"{name} is in requirements.in but not in environment.yml"
