# Sourced by the other scripts: quiet, local-only Rasa.
export RASA_TELEMETRY_ENABLED=false
export MPLCONFIGDIR="$PWD/var/mpl"           # matplotlib cache inside the project, not in $HOME
export TF_CPP_MIN_LOG_LEVEL=2                # TensorFlow's CPU-feature chatter
export SQLALCHEMY_SILENCE_UBER_WARNING=1     # Rasa 3.6 runs on SQLAlchemy 1.4
export PYTHONWARNINGS="ignore::DeprecationWarning,ignore::UserWarning,ignore::FutureWarning"
export LOG_LEVEL_LIBRARIES=ERROR
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# Rasa writes ~/.config/rasa/global.yml and Keras ~/.keras/keras.json on first
# use: give them a home inside the project instead of the user's.
# The user's own home is kept for what must outlive a clone: the trained-model cache
# (scripts/train.sh).
export RSI_USER_HOME="${RSI_USER_HOME:-$HOME}"
export HOME="$PWD/var/home"
mkdir -p var/mpl var/home
RASA=".venv/bin/rasa"
