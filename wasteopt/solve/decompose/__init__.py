"""Large districts: split into regions, route the parts in parallel, improve across their borders.

Regions and their shares of station capacity and trucks (:mod:`~wasteopt.solve.decompose.regions`);
one part routed as a small scenario of its own by the collection round, in whatever process runs it
(:mod:`~wasteopt.solve.decompose.part`); the executors that run parts and carry the user's Ctrl-C to
them (:mod:`~wasteopt.solve.decompose.executors`); and the coordination: first pass, pairwise
improvement across borders, merge (:mod:`~wasteopt.solve.decompose.coordinate`, ``route_decomposed``).
"""
