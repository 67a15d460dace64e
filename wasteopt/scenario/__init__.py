"""Scenario inputs: models, YAML+CSV loading with located errors, generator."""

from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.models import Scenario

__all__ = ["Problem", "Scenario", "ScenarioError"]
