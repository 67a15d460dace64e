"""The district echelon: hook-lift trucks haul the stations' containers to the plant.

:mod:`~wasteopt.solve.haul.schedule` is the entry point (``schedule_haul``); the collection routes'
unloads fill containers (:mod:`~wasteopt.solve.haul.containers`), which become jobs of a haul
problem (:mod:`~wasteopt.solve.haul.problem`), scheduled by the CP-SAT models
(:mod:`~wasteopt.solve.haul.model` over ``trucks``, ``circuit`` and ``cp``), timed as the plan's
trips (:mod:`~wasteopt.solve.haul.trips`) and, when the haul cannot keep up, explained with the fix a
planner would look for (:mod:`~wasteopt.solve.haul.diagnose`).
"""
