"""Transfer stations' daily capacity, from prices during routing to exact limits afterwards.

The router sees capacity as per-visit prices (:mod:`~wasteopt.solve.stations.prices`, from a
transport LP, raised when stations stay overloaded); the routes' unloads are then moved to stations
with room by an exact assignment (:mod:`~wasteopt.solve.stations.assign`, CP-SAT), and where none
fits, rooms are shed from trips into overloaded stations (:mod:`~wasteopt.solve.stations.shed`).
"""
