"""Personal data never reaches the logs (bot.serving.log_privacy, issue 11 point 6).

Each test logs through a real `logging.StreamHandler` into a StringIO and reads
the formatted output. Nothing is trained or served: the Rasa, rasa-sdk and Sanic
call sites are either called for real (cheap ones) or reproduced with their
logger name and format string.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import structlog

from bot.serving import log_privacy
from bot.serving.log_privacy import REDACTED, hash_sender_id, scrub_text

NAME = "Maria Gonçalves"
NIF = "123456789"
NIF_SPACED = "123 456 789"
NISS = "12345678901"
EMAIL = "maria.goncalves@gmail.com"
STREET = "Rua das Flores"
POSTAL = "1000-001"
CITY = "Lisboa"
ADDRESS = f"{STREET}, 12, {POSTAL} {CITY}"
USER_TEXT = f"Sou a {NAME}, NIF {NIF_SPACED}, e-mail {EMAIL}, moro na {ADDRESS}"
# None of these may be found in any log output.
PERSONAL = (NAME, "Gonçalves", NIF, NIF_SPACED, NISS, EMAIL, STREET, POSTAL, CITY)
# Loggers the tests log through: their level and propagation are restored afterwards.
LOGGER_NAMES = (
    "rasa", "rasa.core.lock_store", "rasa.core.tracker_store", "rasa.core.actions.action",
    "rasa.core.actions.forms", "rasa.core.processor", "rasa.core.nlg.callback", "rasa.server",
    "rasa.core.channels.twilio", "rasa.core.channels.rest", "rasa_sdk.executor",
    "rasa_sdk.endpoint", "sanic.root", "sanic.error", "sanic.access", "engineio.server",
    "socketio.server", "sqlalchemy.engine.Engine", "bot.channels.phone",
)
FORMAT = "%(levelname)s %(name)s: %(message)s"


def assert_clean(output: str) -> None:
    for value in PERSONAL:
        assert value not in output, f"{value!r} leaked into: {output}"


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """The root logger writes to a StringIO at DEBUG; the filter is installed."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    saved = {name: (logging.getLogger(name).level, logging.getLogger(name).propagate)
             for name in LOGGER_NAMES}
    saved_root_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in LOGGER_NAMES:
        logging.getLogger(name).setLevel(logging.DEBUG)
        logging.getLogger(name).propagate = True
    log_privacy.install()
    try:
        yield buffer
    finally:
        log_privacy.uninstall()
        root.removeHandler(handler)
        root.setLevel(saved_root_level)
        for name, (level, propagate) in saved.items():
            logging.getLogger(name).setLevel(level)
            logging.getLogger(name).propagate = propagate


# -- the library call sites ---------------------------------------------------------

TRACKER_BODY = (
    '{"error": "invalid literal for int(): ' + NAME + '", "request_body": {"sender_id": "'
    + EMAIL + '", "tracker": {"slots": {"cert_nif": "' + NIF + '"}, "latest_message": {"text": "'
    + USER_TEXT + '"}}}}'
)

KNOWN_SITES = [
    # rasa/core/actions/action.py: the action server's 500 body quotes the whole tracker.
    ("rasa.core.actions.action", logging.WARNING,
     "Failed to execute custom action 'action_request_certificate' as a result of error "
     f"'500, Internal Server Error, body='{TRACKER_BODY}''. The default action "
     "'action_extract_slots' failed to fill slots with custom mappings."),
    ("rasa.core.actions.action", logging.DEBUG,
     f"Validating extracted slots: {{'cert_name': '{NAME}', 'cert_email': '{EMAIL}', "
     f"'cert_postal_address': '{ADDRESS}', 'cert_nif': '{NIF}'}}"),
    ("rasa.core.actions.forms", logging.DEBUG,
     "The execution of 'action_extract_slots' resulted in these events: "
     f"SlotSet(key: cert_name, value: {NAME})\nSlotSet(key: cert_nif, value: {NIF})."),
    ("rasa.core.processor", logging.DEBUG,
     f"Canceled reminder because it is outdated (ReminderScheduled(intent: x, entities: "
     f"[{{'value': '{NAME}', 'email': '{EMAIL}'}}], {ADDRESS}))."),
    ("rasa.core.processor", logging.WARNING,
     f"Circuit breaker tripped. Stopped predicting more actions for sender '{EMAIL}'."),
    ("rasa.core.nlg.callback", logging.DEBUG,
     f'Received NLG response: {{"text": "Obrigado, {NAME}. O NIF {NIF} e {EMAIL}"}}'),
    ("rasa.server", logging.ERROR,
     f"An unexpected error occurred. Error: cannot parse '{USER_TEXT}'"),
    ("rasa.server", logging.DEBUG,
     f"Fetched trackers for 2 conversation sessions for conversation ID {NIF}."),
    ("rasa.core.channels.twilio", logging.ERROR,
     f"Exception when trying to handle message.'{USER_TEXT}'"),
    ("sanic.root", logging.ERROR,
     "The error response will not be sent to the client for the following exception:"
     f'"ValueError {USER_TEXT}". A previous response has at least partially been sent.'),
    ("sanic.root", logging.INFO,
     f"Request: GET http://127.0.0.1:5005/conversations/{EMAIL}/tracker?name=Maria%20Gon%C3%A7alves"
     " stopped. Transport is closed."),
    # An unknown line of ours, with every kind of identifier typed in free text.
    ("bot.channels.phone", logging.ERROR,
     f"caller said: text='{USER_TEXT}', NISS {NISS}, IBAN PT50 0002 0123 1234 5678 9015 4"),
]


@pytest.mark.parametrize(("logger_name", "level", "message"), KNOWN_SITES)
def test_known_call_sites_leave_no_personal_data(
    stream: io.StringIO, logger_name: str, level: int, message: str
) -> None:
    logging.getLogger(logger_name).log(level, message)
    output = stream.getvalue()
    assert logger_name in output
    # The variable part is redacted, or for a sender id replaced by its hash.
    assert REDACTED in output or hash_sender_id(EMAIL) in output or hash_sender_id(NIF) in output
    assert_clean(output)


def test_engineio_packet_lines_lose_their_data(stream: io.StringIO) -> None:
    # engineio/async_socket.py logs every socket.io message at INFO, both ways.
    packet = f'2["user_uttered",{{"message":"{USER_TEXT}","session_id":"abc"}}]'
    logging.getLogger("engineio.server").info(
        "%s: Received packet %s data %s", "sid123", "MESSAGE", packet
    )
    output = stream.getvalue()
    assert "sid123: Received packet MESSAGE data <redacted>" in output
    assert_clean(output)


def test_sqlalchemy_echo_parameters_are_dropped(stream: io.StringIO) -> None:
    logging.getLogger("sqlalchemy.engine.Engine").info(
        "[%s] %r", "generated in 0.00012s", (NAME, NIF, EMAIL, ADDRESS)
    )
    output = stream.getvalue()
    assert "[generated in 0.00012s] <redacted>" in output
    assert_clean(output)


def test_lock_store_sender_id_is_hashed(stream: io.StringIO) -> None:
    from rasa.core.lock_store import InMemoryLockStore

    InMemoryLockStore().issue_ticket(EMAIL)  # the real call: "Issuing ticket for conversation '…'"
    output = stream.getvalue()
    assert f"Issuing ticket for conversation '{hash_sender_id(EMAIL)}'" in output
    assert_clean(output)


def test_fail_safe_tracker_store_error_loses_sql_parameters(stream: io.StringIO) -> None:
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
    from sqlalchemy.exc import IntegrityError

    error = IntegrityError(
        "INSERT INTO events (sender_id, data) VALUES (?, ?)",
        (EMAIL, f'{{"event": "user", "text": "{USER_TEXT}"}}'),
        Exception("UNIQUE constraint failed"),
    )
    FailSafeTrackerStore(InMemoryTrackerStore(domain=None)).on_tracker_store_error(error)
    output = stream.getvalue()
    assert "investigate the following error: <redacted>." in output
    assert_clean(output)


def test_rasa_sdk_ignored_event_contents(stream: io.StringIO) -> None:
    from rasa_sdk.executor import ActionExecutor

    ActionExecutor.validate_events([{"name": NAME, "value": EMAIL}], "action_x")
    output = stream.getvalue()
    assert "Contents of ignored event: <redacted>" in output
    assert_clean(output)


def test_sanic_exception_log_url_and_traceback(stream: io.StringIO) -> None:
    from sanic.handlers import ErrorHandler

    request = SimpleNamespace(
        url=f"http://127.0.0.1:5005/conversations/{EMAIL}/messages?token=secret&q={NIF}",
        app=SimpleNamespace(config=SimpleNamespace(NOISY_EXCEPTIONS=False)),
    )
    try:
        raise KeyError(USER_TEXT)
    except KeyError as error:
        ErrorHandler.log(request, error)  # the real call: logger sanic.error, with the traceback
    output = stream.getvalue()
    assert "Exception occurred while handling uri" in output
    assert f"/conversations/{hash_sender_id(EMAIL)}/messages?token=<redacted>" in output
    assert "KeyError: <redacted>" in output
    assert "secret" not in output
    assert_clean(output)


def test_sanic_access_extra_request_is_scrubbed(stream: io.StringIO) -> None:
    access = logging.StreamHandler(buffer := io.StringIO())
    access.setFormatter(logging.Formatter("%(request)s %(message)s %(status)d"))
    logger = logging.getLogger("sanic.access")
    logger.addHandler(access)
    try:
        logger.info("", extra={
            "request": f"GET http://127.0.0.1:5005/conversations/{NIF}/tracker?token=secret",
            "status": 200,
        })
    finally:
        logger.removeHandler(access)
    output = buffer.getvalue()
    assert f"/conversations/{hash_sender_id(NIF)}/tracker?token=<redacted>" in output
    assert "secret" not in output
    assert_clean(output)


# -- exceptions ------------------------------------------------------------------------


def _fail_with_personal_data() -> None:
    raise ValueError(f"invalid literal for int() with base 10: '{USER_TEXT}'")


def test_logger_exception_keeps_frames_but_no_personal_data(stream: io.StringIO) -> None:
    try:
        try:
            _fail_with_personal_data()
        except ValueError as error:
            # Like rasa.utils.endpoints.ClientResponseError: the body is in the message.
            raise RuntimeError(f"500, Internal Server Error, body='{TRACKER_BODY}'\n{NAME}") from error
    except RuntimeError:
        logging.getLogger("rasa.core.processor").exception(
            "Encountered an exception while running action 'action_x'."
        )
    output = stream.getvalue()
    assert "Encountered an exception while running action 'action_x'." in output
    assert "in _fail_with_personal_data" in output  # the frames stay: they help debugging
    assert "ValueError: <redacted>" in output
    assert "RuntimeError: <redacted>" in output
    assert_clean(output)


def test_record_is_rebuilt_without_args_and_exc_info(stream: io.StringIO) -> None:
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    logger = logging.getLogger("rasa_sdk.endpoint")
    logger.addHandler(keep := Keep())
    try:
        try:
            _fail_with_personal_data()
        except ValueError as error:
            logger.error(
                "Exception occurred during execution of request %s", "<Request: POST /webhook>",
                exc_info=error,
            )
    finally:
        logger.removeHandler(keep)
    (record,) = seen
    assert record.args == ()
    assert record.exc_info is None
    assert "ValueError: <redacted>" in record.exc_text
    assert_clean(record.msg + record.exc_text)


def test_exception_as_message_keeps_only_its_type(stream: io.StringIO) -> None:
    # rasa_sdk/endpoint.py and rasa/server.py call logger.error(e).
    logging.getLogger("rasa_sdk.endpoint").error(ValueError(USER_TEXT))
    output = stream.getvalue()
    assert "ValueError: <redacted>" in output
    assert_clean(output)


def test_operational_exception_messages_are_kept(stream: io.StringIO) -> None:
    try:
        raise ConnectionRefusedError("[Errno 111] Connect call failed ('127.0.0.1', 5055)")
    except ConnectionRefusedError:
        logging.getLogger("rasa.core.actions.action").exception("Failed to run custom action")
    assert "Connect call failed ('127.0.0.1', 5055)" in stream.getvalue()


# -- structlog (Rasa's text= events) -------------------------------------------------------


@pytest.fixture
def rasa_like_structlog() -> Iterator[None]:
    """structlog configured as rasa.utils.log_utils.configure_structlog does it (JSON)."""
    saved = structlog.get_config()
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            structlog.processors.add_log_level,
            structlog.processors.StackInfoRenderer(),
            structlog.dev.set_exc_info,
            structlog.processors.dict_tracebacks,
            structlog.processors.JSONRenderer(),
        ],
        context_class=dict,
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG),
        cache_logger_on_first_use=False,
    )
    try:
        yield
    finally:
        structlog.configure(**saved)


def test_rest_channel_timeout_and_failure_events(
    rasa_like_structlog: None, stream: io.StringIO
) -> None:
    # rasa/core/channels/rest.py: the 86 lines of the attack run.
    structlogger = structlog.get_logger("rasa.core.channels.rest")
    structlogger.error("rest.message.received.timeout", text=USER_TEXT)
    text = USER_TEXT  # noqa: F841 - a local, which dict_tracebacks would print
    try:
        _fail_with_personal_data()
    except ValueError:
        structlogger.exception("rest.message.received.failure", text=USER_TEXT)
    output = stream.getvalue()
    assert '"event": "rest.message.received.timeout"' in output
    assert '"event": "rest.message.received.failure"' in output
    assert '"exc_type": "ValueError"' in output
    assert "locals" not in output
    assert_clean(output)


def test_structlog_without_configuration_is_covered(capsys: pytest.CaptureFixture[str]) -> None:
    # Without configure_structlog, structlog prints straight to stdout, past logging.
    saved = structlog.get_config()
    structlog.reset_defaults()
    log_privacy.install()
    try:
        logger = structlog.get_logger()
        logger.error("rest.message.received.timeout", text=USER_TEXT)
        try:
            _fail_with_personal_data()
        except ValueError:
            logger.exception("rest.message.received.failure", text=USER_TEXT)
    finally:
        log_privacy.uninstall()
        structlog.configure(**saved)
    output = capsys.readouterr().out
    assert "rest.message.received.failure" in output
    assert "ValueError: <redacted>" in output
    assert_clean(output)


# -- what must not change, and the plumbing ------------------------------------------------

OPERATIONAL_LINES = [
    "Starting Rasa server on http://127.0.0.1:5005",
    "Rasa server is up and running.",
    "Loading model models/rsi.tar.gz...",
    "Action endpoint is up and running on http://127.0.0.1:5055",
    "Connected to lock store 'InMemoryLockStore'.",
    "Goin' Fast @ http://127.0.0.1:5005",
    "Predicted next action 'action_listen' with confidence 0.98.",
    "Session started at 2026-05-09 12:00:00 (took 0.00012s)",
]


@pytest.mark.parametrize("line", OPERATIONAL_LINES)
def test_operational_lines_pass_unchanged(stream: io.StringIO, line: str) -> None:
    logging.getLogger("rasa.core.run").info(line)
    assert stream.getvalue() == f"INFO rasa.core.run: {line}\n"


def test_arguments_are_formatted_before_scrubbing(stream: io.StringIO) -> None:
    logging.getLogger("sanic.root").info("Starting worker [%s]", 12345)
    logging.getLogger("bot.channels.phone").error("Phone turn failed for call %s: %s", NIF, EMAIL)
    output = stream.getvalue()
    assert "INFO sanic.root: Starting worker [12345]\n" in output
    assert_clean(output)


def test_handler_added_after_install_is_protected(stream: io.StringIO) -> None:
    # Like Sanic's dictConfig or socketio adding their own handler later, on a
    # logger that does not propagate (update_sanic_log_level sets that).
    late = io.StringIO()
    handler = logging.StreamHandler(late)
    logger = logging.getLogger("sanic.error")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        url = f"http://127.0.0.1:5005/conversations/Maria%20Gon%C3%A7alves/tracker?nif={NIF}"
        logger.error("Exception occurred while handling uri: %s", repr(url))
        # A record built without the factory (QueueListener, socket receivers).
        record = logging.makeLogRecord({"name": "sanic.error", "levelno": logging.ERROR,
                                        "levelname": "ERROR", "msg": f"user message '{NAME}'"})
        handler.handle(record)
    finally:
        logger.removeHandler(handler)
    output = late.getvalue()
    assert "Exception occurred while handling uri" in output
    assert "user message '<redacted>'" in output
    assert "Gon%C3%A7alves" not in output
    assert_clean(output)


def test_level_drops_library_debug_but_not_ours(stream: io.StringIO) -> None:
    log_privacy.install(logging.INFO)
    logging.getLogger("rasa.core.processor").debug("Logged UserUtterance - tracker now has 3 events.")
    logging.getLogger("bot.channels.phone").debug("our own debug line")
    output = stream.getvalue()
    assert "Logged UserUtterance" not in output
    assert "our own debug line" in output


def test_install_is_idempotent_and_uninstall_restores() -> None:
    original_factory = logging.getLogRecordFactory()
    original_handle = logging.Handler.handle
    log_privacy.install()
    log_privacy.install()
    try:
        assert log_privacy.is_installed()
        record = logging.getLogger("x").makeRecord("x", logging.INFO, "f", 1, f"NIF {NIF}", (), None)
        assert record.getMessage() == f"NIF {REDACTED}"
    finally:
        log_privacy.uninstall()
    assert logging.getLogRecordFactory() is original_factory
    assert logging.Handler.handle is original_handle
    assert not log_privacy.is_installed()


# -- the patterns ------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [
    "123456789", "123 456 789", "123.456.789", "123-456-789", "12345678901",
    "1 2345 6789 01", "123\u00a0456\u00a0789", "١٢٣٤٥٦٧٨٩", "１２３４５６７８９",
    "2 123 456 789", "+351 912 345 678",
])
def test_identifier_numbers_are_redacted(number: str) -> None:
    assert scrub_text(f"o meu número é {number}.") == f"o meu número é {REDACTED}."


@pytest.mark.parametrize("text", [
    f"escreva para {EMAIL}", "moro na Rua das Flores, 12, 3.º Esq", "código 4700-123 Braga",
    "IBAN PT50 0002 0123 1234 5678 9015 4", "ganho 850,50 €", "recebo 1 200 euros",
    "Avenida da Liberdade 110",
])
def test_contacts_addresses_and_money_are_redacted(text: str) -> None:
    scrubbed = scrub_text(text)
    assert REDACTED in scrubbed
    assert not re.search(r"\d{3}|@|Flores|Liberdade|Braga", scrubbed)


def test_sender_hash_is_short_stable_and_opaque() -> None:
    first = hash_sender_id(NIF)
    assert re.fullmatch(r"[0-9a-f]{8}", first)
    assert first == hash_sender_id(NIF)
    assert first != hash_sender_id("123456780")
    assert NIF[:8] != first
