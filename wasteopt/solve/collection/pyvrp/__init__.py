"""The PyVRP adapter: the only place in wasteopt that imports pyvrp.

The collection problem as PyVRP data (:mod:`~wasteopt.solve.collection.pyvrp.model`), its solutions
to and from plain routes (:mod:`~wasteopt.solve.collection.pyvrp.codec`), the iterated local search
as we run it (:mod:`~wasteopt.solve.collection.pyvrp.search`) and the callbacks that watch a round
(:mod:`~wasteopt.solve.collection.pyvrp.watch`). Another routing engine would replace this package.
"""
