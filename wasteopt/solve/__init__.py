"""The planning engine: a scenario in, a plan out.

:mod:`~wasteopt.solve.engine` orchestrates (prepare → route → fit stations → time → haul → KPIs →
self-check). Each concern has its own subpackage: ``collection`` (the collection routing round, with
the PyVRP adapter in ``collection.pyvrp``), ``stations`` (station prices, assignment, shedding),
``decompose`` (large districts by regions, in parallel) and ``haul`` (stations to plant). Beside the
engine: the search budget and stop criterion (``budget``), reproducible CP-SAT time (``clock``) and
the plan's KPIs (``kpis``). This file imports nothing, so ``import wasteopt`` stays cheap.
"""
