"""A Redis lock store whose every change to a conversation's lock is one atomic step.

Rasa lets one conversation's messages through one at a time with a ticket
lock (``rasa.core.lock``): each message takes the next ticket number and waits
until its number is the first live one. Rasa's ``RedisLockStore`` reads the
lock, changes it in Python and writes it back: two processes taking a ticket
at the same moment can read the same lock, take the same number and both go
in, and a ticket removed by one can be written back by the other. With several
Rasa processes behind one proxy that loses user messages.

``AtomicRedisLockStore`` does each change (take a ticket, check whose turn it
is while dropping expired tickets, give a ticket back) in one Lua script that
Redis runs without interleaving anything else. The lock keeps Rasa's format
(same key, same JSON), ticket numbers and lifetime, so ``lock()`` behaves as in
Rasa: messages go in in the order they took their tickets, and a ticket whose
holder died expires after its lifetime instead of blocking forever.

Two deliberate differences, both where Rasa's store can let two messages in:
- the lock also records the last number issued, and a lock whose last ticket
  was given back is kept (empty) for one lifetime before Redis drops it, so a
  number still held by a message that outlived its ticket is never issued to
  another one;
- a message whose own ticket expired while it waited gets a ``LockError``
  instead of waiting for a turn that can no longer come.

Selected in endpoints.yml::

    lock_store:
      type: bot.serving.lock_store.AtomicRedisLockStore
      # url: redis://127.0.0.1:56379/0   (default: the RSI_REDIS_URL variable)
      # key_prefix: rsi                  (letters and digits; default none)
      # socket_timeout: 5                (seconds)
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX,
    LOCK_LIFETIME,
    LockError,
    LockStore,
)
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from bot.serving.redis_connection import (
    REDIS_URL_ENV,
    SOCKET_TIMEOUT_S,
    RedisUnavailable,
    connect,
    describe,
    redis_url,
)

log = logging.getLogger(__name__)

WHAT = "Redis lock store"

# Every script starts with these helpers. KEYS[1] is the lock; ARGV[1] the
# caller's clock (seconds, the clock Rasa's TicketLock compares expiries with),
# ARGV[2] how long an emptied lock is kept (ms), ARGV[3] the conversation id.
# A lock is Rasa's JSON ({"conversation_id", "tickets": [ticket JSON strings]})
# plus "last_issued".
_PRELUDE = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local keep_ms = tonumber(ARGV[2])
local conversation_id = ARGV[3]

-- The live tickets (in issue order) and the last number issued, or nil if there is no lock.
local function load()
  local raw = redis.call('GET', key)
  if not raw then return nil, -1 end
  local data = cjson.decode(raw)
  local live = {}
  local last = tonumber(data.last_issued) or -1
  for _, text in ipairs(data.tickets or {}) do
    local ticket = cjson.decode(text)
    local number = tonumber(ticket.number)
    if number > last then last = number end
    -- Rasa: a ticket has expired when now > expires.
    if tonumber(ticket.expires) >= now then
      table.insert(live, {number = number, expires = tonumber(ticket.expires), text = text})
    end
  end
  return live, last
end

-- Writes the lock back; Redis drops it one keep period after its last ticket expires.
local function save(live, last)
  local texts, latest = {}, now
  for i, ticket in ipairs(live) do
    texts[i] = cjson.encode(ticket.text)
    if ticket.expires > latest then latest = ticket.expires end
  end
  local body = '{"conversation_id": ' .. cjson.encode(conversation_id) .. ', "tickets": ['
    .. table.concat(texts, ', ') .. '], "last_issued": ' .. string.format('%d', last) .. '}'
  redis.call('SET', key, body, 'PX', math.max(1, math.ceil((latest - now) * 1000) + keep_ms))
end
"""

# ARGV[4] lifetime (s). Returns the new ticket's number.
_ISSUE = _PRELUDE + """
local live, last = load()
live = live or {}
local number = last + 1
local expires = now + tonumber(ARGV[4])
local text = string.format('{"number": %d, "expires": %.6f}', number, expires)
table.insert(live, {number = number, expires = expires, text = text})
save(live, number)
return number
"""

# ARGV[4] ticket. Drops expired tickets; returns {1, 0} when it is the ticket's
# turn, {0, tickets ahead} while it waits, {-1, 0} when the ticket is gone.
_SERVE = _PRELUDE + """
local ticket = tonumber(ARGV[4])
local live, last = load()
if not live then return {-1, 0} end
save(live, last)
for position, held in ipairs(live) do
  if held.number == ticket then
    if position == 1 then return {1, 0} end
    return {0, position - 1}
  end
end
return {-1, 0}
"""

# ARGV[4] ticket. Gives it back, drops expired tickets; returns how many remain.
_FINISH = _PRELUDE + """
local ticket = tonumber(ARGV[4])
local live, last = load()
if not live then return 0 end
local remaining = {}
for _, held in ipairs(live) do
  if held.number ~= ticket then table.insert(remaining, held) end
end
save(remaining, last)
return #remaining
"""


class AtomicRedisLockStore(LockStore):
    """Rasa's ticket lock in Redis, each change made by one atomic Lua script (see module doc).

    Rasa builds a custom lock store as ``cls(endpoint_config=...)``
    (``rasa.core.lock_store._load_from_module_name_in_endpoint_config``); the
    keyword arguments are for tests and direct use and win over the endpoint's.
    The server is checked at once, so a missing Redis stops the start with a
    ``RedisUnavailable`` naming the URL (never its password).
    """

    def __init__(self, endpoint_config: EndpointConfig | None = None, *, url: str | None = None,
                 key_prefix: str | None = None, socket_timeout: float | None = None,
                 lock_lifetime: float = LOCK_LIFETIME) -> None:
        options: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        url = url or (endpoint_config.url if endpoint_config else None) or redis_url()
        if not url:
            raise RedisUnavailable(f"{WHAT}: no Redis URL; set {REDIS_URL_ENV} (or url: in endpoints.yml)")
        self.url = url
        timeout = float(socket_timeout or options.get("socket_timeout") or SOCKET_TIMEOUT_S)
        self.lock_lifetime = float(lock_lifetime)
        self.key_prefix = _key_prefix(key_prefix or options.get("key_prefix"))
        self.red = connect(url, socket_timeout=timeout, what=WHAT)
        self._issue = self.red.register_script(_ISSUE)
        self._serve = self.red.register_script(_SERVE)
        self._finish = self.red.register_script(_FINISH)
        super().__init__()

    # -- the atomic operations ------------------------------------------------

    def _run(self, script: Any, conversation_id: str, *extra: Any) -> Any:
        args = [repr(time.time()), int(self.lock_lifetime * 1000), conversation_id, *extra]
        try:
            return script(keys=[self.key_prefix + conversation_id], args=args)
        except redis.RedisError as error:
            raise LockError(describe(self.url, error, WHAT)) from error

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Take the next ticket for ``conversation_id``, valid ``lock_lifetime`` seconds."""
        return int(self._run(self._issue, conversation_id, repr(float(lock_lifetime))))

    async def _acquire_lock(self, conversation_id: str, ticket: int,
                            wait_time_in_seconds: float) -> TicketLock:
        while True:
            state, ahead = self._run(self._serve, conversation_id, ticket)
            if state == 1:
                return self.get_lock(conversation_id) or TicketLock(conversation_id)
            if state == -1:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}': "
                                "its ticket expired while waiting.")
            log.debug("Waiting for %d message(s) of the same conversation.", ahead)
            await asyncio.sleep(wait_time_in_seconds)

    def update_lock(self, conversation_id: str) -> None:
        """Drop the expired tickets of ``conversation_id``'s lock (a check with no ticket of ours)."""
        self._run(self._serve, conversation_id, -1)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Give back ticket ``ticket_number``."""
        self._run(self._finish, conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give back the ticket; a lock left empty expires by itself (see module doc)."""
        self.finish_serving(conversation_id, ticket_number)

    # -- Rasa's storage interface (reads, and writes outside the ticket flow) ----

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """The lock as Rasa's ``TicketLock``, or None when no ticket is held."""
        try:
            raw = self.red.get(self.key_prefix + conversation_id)
        except redis.RedisError as error:
            raise LockError(describe(self.url, error, WHAT)) from error
        if not raw:
            return None
        lock = TicketLock.from_dict(json.loads(raw))
        lock.remove_expired_tickets()
        return lock if lock.is_someone_waiting() else None

    def delete_lock(self, conversation_id: str) -> None:
        try:
            deleted = self.red.delete(self.key_prefix + conversation_id)
        except redis.RedisError as error:
            raise LockError(describe(self.url, error, WHAT)) from error
        self._log_deletion(conversation_id, bool(deleted))

    def save_lock(self, lock: TicketLock) -> None:
        """Write ``lock`` whole (Rasa's interface; the ticket flow above never calls it)."""
        latest = max((ticket.expires for ticket in lock.tickets), default=time.time())
        keep_ms = int((latest - time.time() + self.lock_lifetime) * 1000)
        try:
            self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), px=max(keep_ms, 1))
        except redis.RedisError as error:
            raise LockError(describe(self.url, error, WHAT)) from error


def _key_prefix(prefix: str | None) -> str:
    """Rasa's key layout: ``lock:<id>``, or ``<prefix>:lock:<id>`` for an alphanumeric prefix."""
    if not prefix:
        return DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
    if not str(prefix).isalnum():
        raise RasaException(f"{WHAT}: key_prefix must be letters and digits only")
    return f"{prefix}:{DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX}"
