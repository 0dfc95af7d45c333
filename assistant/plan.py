"""A plan: typed operands (a figure of a cited passage, a quantity the user gave, a unit conversion) and the steps
the calculator takes over them. Every figure an answer derives goes through one: the planners (assistant/plans.py)
make whole plans, the amount answer (assistant/amounts.py) builds one step by step as it words its lead, and both
are executed here by the same calculator, so a language model proposing a plan would be checked the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ingest.types import Chunk, Fact

from .calculator import Operation, calculate, result_operand
from .types import Calculation, Operand


@dataclass(frozen=True)
class Figure:
    """An operand of a plan: a figure of a cited passage, or a quantity the user gave."""

    value: str
    unit: str
    source: Literal["document", "user", "conversion"]
    where: str  # the message, the passage's locator, or what the conversion is
    chunk: Chunk | None = None
    fact: Fact | None = None

    def operand(self) -> Operand:
        return Operand(self.value, self.unit, self.source, self.where)


@dataclass(frozen=True)
class Result:
    """The result of an earlier step read in a unit of its own: a monthly sum shown as 800元 is 800元/月 when a year's
    worth is taken of it."""

    step: int
    unit: str


Input = Figure | int | Result  # an int is the result of an earlier step, in that step's unit


@dataclass(frozen=True)
class Step:
    operation: Operation
    inputs: tuple[Input, ...]
    unit: str  # of the result


@dataclass
class Working:
    """A plan's steps as they are executed: each is computed when it is added, so an answer can word its lead
    from the results so far (an amount's "折合每月约104.17元")."""

    steps: list[Step] = field(default_factory=list)
    done: list[Calculation] = field(default_factory=list)

    def add(self, step: Step) -> Calculation:
        operands = [result_operand(self.done[i], self.steps[i].unit) if isinstance(i, int)
                    else result_operand(self.done[i.step], i.unit) if isinstance(i, Result) else i.operand()
                    for i in step.inputs]
        self.done.append(calculate(step.operation, operands, step.unit))
        self.steps.append(step)
        return self.done[-1]


@dataclass(frozen=True)
class Plan:
    rule: str  # the planner that made it
    steps: tuple[Step, ...]
    lead: str  # the answer's first sentence; {0}, {1} … are the results of the steps
    basis: tuple[tuple[Chunk, int], ...] = ()  # passages (and offsets) it relies on for a rule, not a figure: 一、二年级

    def run(self) -> list[Calculation]:
        working = Working()
        for step in self.steps:
            working.add(step)
        return working.done

    def figures(self) -> list[Figure]:
        """The cited figures, in the order the plan uses them."""
        return [i for step in self.steps for i in step.inputs if isinstance(i, Figure) and i.source == "document"]


@dataclass(frozen=True)
class Outcome:
    """The figure an answer gave, kept for a later message to build on ("这俩加起来多少？"): a figure as a passage
    states it, or the last result of the steps that derived it."""

    unit: str  # the figure's unit (元/月 for a stated monthly amount), or the last step's
    steps: tuple[Step, ...] = ()
    figure: Figure | None = None  # when nothing was computed

    def placed(self, offset: int) -> tuple[tuple[Step, ...], Input]:
        """Its steps renumbered to start at `offset` in a longer plan, and the input that reads its figure there."""
        def moved(i: Input) -> Input:
            return i + offset if isinstance(i, int) else Result(i.step + offset, i.unit) if isinstance(i, Result) else i

        steps = tuple(Step(s.operation, tuple(map(moved, s.inputs)), s.unit) for s in self.steps)
        return steps, (offset + len(steps) - 1 if steps else self.figure)

    def figures(self) -> list[Figure]:
        """The cited figures it was derived from."""
        inputs = [i for step in self.steps for i in step.inputs] or [self.figure]
        return [i for i in inputs if isinstance(i, Figure) and i.source == "document" and i.chunk is not None]
