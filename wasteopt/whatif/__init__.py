"""What-if studies: variants of a scenario planned side by side, and where to build new stations.

- :mod:`~wasteopt.whatif.variants` — apply named variants (open / close stations, fleet counts);
- :mod:`~wasteopt.whatif.compare` — plan the base and variants with one budget and compare them;
- :mod:`~wasteopt.whatif.estimate` and :mod:`~wasteopt.whatif.location` — the cheap cost estimate and
  the CP-SAT capacitated facility-location model that proposes sites;
- :mod:`~wasteopt.whatif.site` — proposals re-planned with the real engine and ranked;
- :mod:`~wasteopt.whatif.executors`, :mod:`~wasteopt.whatif.sweep`, :mod:`~wasteopt.whatif.tasks` —
  where the plans run (process pool or Dask cluster) and the picklable task they run;
- :mod:`~wasteopt.whatif.kpis`, :mod:`~wasteopt.whatif.agreement`, :mod:`~wasteopt.whatif.tables` —
  the figures compared, rank agreement, and the printed tables.
"""
