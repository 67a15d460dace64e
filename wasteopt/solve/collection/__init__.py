"""Collection routing: the rooms served by the trucks, trip by trip, from garage to unloads and home.

The instance (:mod:`~wasteopt.solve.collection.instance`: the scenario as arrays, rooms no truck can
reach screened out by :mod:`~wasteopt.solve.collection.reachability`), the one routing round
(:mod:`~wasteopt.solve.collection.routing`: a complete construction as the floor, the PyVRP search,
repair, re-insertion), route timing (:mod:`~wasteopt.solve.collection.schedule`), fleet estimates and
the lower bound. Routes are plain data (:mod:`~wasteopt.solve.collection.routes`); the PyVRP adapter
(:mod:`wasteopt.solve.collection.pyvrp`) is the only code that knows PyVRP.
"""
