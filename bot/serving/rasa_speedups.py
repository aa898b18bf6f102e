"""Per-turn work of Rasa 3.6 done once instead of every time, as the profile showed.

`scripts/profile_turn.py` times each part of a turn. Changed here, in the Rasa
server process only, keeping what each check checks:

- ``RemoteAction._validate_action_result`` calls ``jsonschema.validate`` on every
  answer of the action server. That function first validates the response
  schema itself against its meta-schema and builds a new validator: 29 ms per
  call on these machines, about a third of a whole turn. The schema is a
  constant, so it is checked once and its validator kept: 2 ms per call, and
  the same answers are refused (``jsonschema.ValidationError``).
- ``RasaModel.load`` (DIET, the response selector) builds a loaded model by
  training it for one step on an example, which traces the whole training graph
  and creates the optimiser's state, and only then reads the trained weights.
  A model that is only used to predict needs neither: the weights are read
  first and each layer takes its trained values as it is built by the first
  prediction (TensorFlow restores a checkpoint's values into variables created
  after the read). The start-up is shorter and the memory smaller; the
  predictions are the same numbers (``tests/e2e/test_model_load.py`` compares
  both loads on every test sentence). Fine-tuning still loads Rasa's way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.utils.tensorflow.models import RasaModel

_installed = False


@lru_cache(maxsize=1)
def action_response_validator() -> Any:
    """The validator of the action server's answers, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        action_response_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


_rasa_load = RasaModel.load.__func__


def load_for_prediction(cls: type[RasaModel], model_file_name: str, model_data_example: Any,
                        predict_data_example: Any = None, finetune_mode: bool = False,
                        *args: Any, **kwargs: Any) -> RasaModel:
    """A trained model ready to predict, built by a prediction instead of a training step."""
    if finetune_mode or predict_data_example is None:
        return _rasa_load(cls, model_file_name, model_data_example, predict_data_example,
                          finetune_mode, *args, **kwargs)
    model = cls(*args, **kwargs)
    # The optimiser's state in the file is for training only: not read.
    model.load_weights(model_file_name).expect_partial()
    model.run_inference(predict_data_example)
    return model


def install() -> None:
    """Apply the changes the module docstring lists; idempotent."""
    global _installed
    if _installed:
        return
    _installed = True
    RemoteAction._validate_action_result = validate_action_result
    RasaModel.load = classmethod(load_for_prediction)
