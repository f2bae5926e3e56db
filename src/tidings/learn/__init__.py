"""Learning: trained decisions over the rule coder's candidates, and how they are trained.

    apply_roles(doc, model) -> events      each event's source and target chosen by the role
                                           model among its sentence's actors, with the
                                           calibrated probability that the event is right
    roles_model() -> LinearModel | None    the committed model (data/models/roles.json)
    train(corpus) -> LinearModel           ``make train``: fit on corpus/ (needs scikit-learn)

Modules: ``features`` (variants and their named features), ``linear`` (a linear model kept
as JSON weights), ``roles`` (the stage's decision), ``train`` (the corpus, the labels and
the fit; imported only to train).
"""

from .linear import LinearModel, load_model
from .roles import apply_roles, roles_model

__all__ = ["LinearModel", "apply_roles", "load_model", "roles_model"]
