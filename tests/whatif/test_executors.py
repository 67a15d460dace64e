"""The same sweep on a Dask LocalCluster and on the local process pool gives the same plans."""

from __future__ import annotations

import pytest

from wasteopt.plan.validate import validate
from wasteopt.whatif.compare import compare
from wasteopt.whatif.executors import DaskExecutor, make_executor

distributed = pytest.importorskip("distributed")

TIMING = ("elapsed_s", "phases")  # wall-clock seconds, overall and per stage


def _comparable(plan) -> dict:
    """The plan as JSON without the solver's timing fields (the only thing allowed to differ)."""
    data = plan.model_dump(mode="json")
    data["solver"] = {k: v for k, v in data["solver"].items() if k not in TIMING}
    return data


@pytest.fixture(scope="module")
def local_cluster():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    yield cluster
    cluster.close()


def test_a_sweep_on_a_dask_cluster_equals_the_process_pool_run(two_stations, pool, local_cluster):
    variants = ["s2-closed", "s1-closed", "one-truck"]
    on_pool = compare(two_stations, variants, iterations=150, seed=3, executor=pool)
    executor = make_executor(local_cluster.scheduler_address)
    assert isinstance(executor, DaskExecutor)
    try:
        on_dask = compare(two_stations, variants, iterations=150, seed=3, executor=executor)
        workers_used = set(executor.client.run(lambda: 1))
    finally:
        executor.shutdown()
    assert len(workers_used) == 2
    assert [o.name for o in on_dask.outcomes] == ["base", *variants]
    for a, b in zip(on_pool.outcomes, on_dask.outcomes):
        assert _comparable(a.plan) == _comparable(b.plan)
        assert validate(b.scenario, b.plan) == []
    assert on_dask.to_json() == on_pool.to_json()


def test_an_unreachable_cluster_is_bad_input_not_a_traceback():
    from wasteopt.scenario.errors import ScenarioError

    with pytest.raises(ScenarioError) as caught:
        DaskExecutor("tcp://127.0.0.1:9", timeout=1)
    assert str(caught.value).startswith("--cluster: cluster: cannot reach tcp://127.0.0.1:9")
