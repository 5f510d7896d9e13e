"""The demo-content registry: every app's loader, registered in AppConfig.ready(), in order."""

from learning.core import demo
from learning.core.demo import DemoLoader, demo_loaders, register_demo_loader


def test_every_app_registers_its_demo_loader_in_dependency_order():
    assert [loader.name for loader in demo_loaders()] == [
        "accounts",
        "home",
        "events",
        "masterclasses",
        "certificates",
        "circles",
        "profiles",
        "knowledge",
        "monitor",
        "indicators",
        "routes",
        "evaluations",
        # Last: verified organisation claims for the demo people the others made.
        "accounts_claims",
    ]
    notes = {loader.name: loader.notes for loader in demo_loaders() if loader.notes}
    assert list(notes) == ["accounts"]
    assert notes["accounts"]()[0].startswith("Demo-logins (wachtwoord voor iedereen: ")


def test_a_loader_runs_by_its_order_not_by_when_it_registered(monkeypatch):
    # A copy of the registry for this test; the apps' loaders come back afterwards.
    monkeypatch.setattr(demo, "_loaders", dict(demo._loaders))
    before = len(demo_loaders())
    calls = []
    loader = DemoLoader(name="test_first", order=-1, load=lambda: calls.append("first"))
    register_demo_loader(loader)
    loaders = demo_loaders()
    assert loaders[0] is loader
    assert len(loaders) == before + 1
    loaders[0].load()
    assert calls == ["first"]
