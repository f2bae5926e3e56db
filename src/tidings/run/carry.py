"""Exceptions as plain data, to cross from a child process to the parent intact."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Carried:
    """An exception as plain data: tidings errors take several constructor arguments,
    which the default pickling of exceptions cannot rebuild."""

    cls: type[BaseException]
    args: tuple[Any, ...]
    state: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, err: BaseException) -> Carried:
        state = {k: cls.of(v) if isinstance(v, BaseException) else v
                 for k, v in vars(err).items()}
        carried = cls(type(err), err.args, state)
        try:
            pickle.loads(pickle.dumps(carried))
        except Exception:  # an unpicklable cause: keep its name and message only
            return cls(RuntimeError, (f"{type(err).__name__}: {err}",))
        return carried

    def restore(self) -> BaseException:
        err = self.cls.__new__(self.cls)
        err.args = self.args
        for key, value in self.state.items():
            setattr(err, key, value.restore() if isinstance(value, Carried) else value)
        return err
