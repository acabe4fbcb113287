"""Web Push: the phones that get reminders, the server's VAPID keys, and sending a reminder to each.

A device subscribes from the ``/reminders`` page (the browser's ``PushSubscription``); the scheduler's
reminders then go to every device, each at most once a day per kind (``store.push.claim``), on worker
threads of their own so the scheduler's thread never waits on a push service. The VAPID key pair is
made on first use and kept in the store, so it survives restarts, backups and a move; a plain export
leaves it out.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from sqlalchemy.exc import IntegrityError

from valuesapp.core import push as rules
from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.services.context import Context
from valuesapp.services.push_delivery import Delivery, Outcome
from valuesapp.services.reminders import Reminder
from valuesapp.services.views import PushDeviceView, PushResult
from valuesapp.store import push as stored
from valuesapp.store import tables
from valuesapp.store.rows import save

log = logging.getLogger(__name__)

PushDevice = PushDeviceView  # the read model's name in the service's contract
DEVICES_MAX = 50
DEFAULT_SUBJECT = "mailto:valuesapp@localhost"  # VAPID's contact claim; a public URL once one is known
DEVICES_AT_ONCE = 8
SENDERS = 2  # worker threads for pushes: a slow push service delays the next push, never the scheduler
TEST_TITLE, TEST_BODY = "valuesapp", "Reminders reach this device."


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class PushService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.delivery = Delivery()
        self.subject = DEFAULT_SUBJECT
        self._pool: ThreadPoolExecutor | None = None
        self._pending: set[Future] = set()
        self._pool_lock = threading.Lock()
        self._vapid: tuple[str, Vapid] | None = None

    def served_under(self, public_names) -> None:
        """Tell push services who sends (VAPID's ``sub``): the app's public https address when served
        under a public name (a dotted host name, as push services accept); else a local mailto."""
        dotted = sorted(name for name in public_names if "." in name and not name.replace(".", "").isdigit())
        self.subject = f"https://{dotted[0]}" if dotted else DEFAULT_SUBJECT

    # The server's keys

    def public_key(self) -> str:
        """The VAPID public key, as ``applicationServerKey`` takes it: base64url of the 65-byte point."""
        return self._key_row().public_key

    def _key_row(self) -> tables.VapidKey:
        with self.ctx.store.session() as session:
            row = stored.vapid_key(session=session)
        if row is not None:
            return row
        made = Vapid()
        made.generate_keys()
        point = made.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        try:
            with self.ctx.store.session() as session:
                return save(session=session, row=tables.VapidKey(
                    private_pem=made.private_pem().decode("ascii"), public_key=_b64url(point),
                    created_at=self.ctx.now()))
        except IntegrityError:  # another process made them first: theirs are the keys
            with self.ctx.store.session() as session:
                row = stored.vapid_key(session=session)
            assert row is not None
            return row

    def _signer(self) -> Vapid:
        row = self._key_row()
        if self._vapid is None or self._vapid[0] != row.private_pem:
            self._vapid = (row.private_pem, Vapid.from_pem(row.private_pem.encode("ascii")))
        return self._vapid[1]

    # Devices

    def subscribe(self, subscription: Mapping, *, user_agent: str | None = None) -> int:
        """Store a browser's ``PushSubscription.toJSON()``; the same endpoint again is the same device, its
        keys updated. Returns the device's id."""
        checked = rules.check_subscription(subscription)
        agent = rules.clean_user_agent(user_agent)
        for _ in range(2):  # a second try only if the same endpoint was added at the same moment elsewhere
            try:
                with self.ctx.store.session() as session:
                    row = stored.by_endpoint(session=session, endpoint=checked.endpoint)
                    if row is None:
                        if len(stored.devices(session=session)) >= DEVICES_MAX:
                            raise UserError.of(Msg.PUSH_TOO_MANY_DEVICES, limit=DEVICES_MAX)
                        row = tables.PushDevice(endpoint=checked.endpoint, added_at=self.ctx.now(), p256dh="", auth="")
                    row.p256dh, row.auth = checked.p256dh, checked.auth
                    row.user_agent = agent or row.user_agent
                    return save(session=session, row=row).id
            except IntegrityError:
                continue
        raise UserError.of(Msg.PUSH_NOT_A_SUBSCRIPTION, problem="it was being added twice at once; try again")

    def devices(self) -> list[PushDeviceView]:
        with self.ctx.store.session() as session:
            return [self._view(row) for row in stored.devices(session=session)]

    def remove(self, device_id: int) -> None:
        with self.ctx.store.session() as session:
            if not stored.remove(session=session, device_id=device_id):
                raise UserError.of(Msg.PUSH_NO_SUCH_DEVICE, ident=device_id)

    @staticmethod
    def _view(row: tables.PushDevice) -> PushDeviceView:
        return PushDeviceView.of(row, host=rules.push_host(row.endpoint), label=rules.device_label(row.user_agent))

    # Sending

    def send_test(self) -> list[PushResult]:
        """A test notification to every device now (not counted as any reminder), one result each."""
        words = rules.payload(rules.TEST, TEST_TITLE, TEST_BODY, hide_words=False)
        with self.ctx.store.session() as session:
            rows = stored.devices(session=session)
        return self._push_each(rows, words)

    def send(self, reminder: Reminder) -> Future:
        """Push ``reminder`` to every device on a worker thread; the future's result is ``deliver``'s."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="valuesapp-push")
            future = self._pool.submit(self._deliver_safely, reminder)
            self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        return future

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every push handed to ``send`` has been delivered or given up; False on timeout."""
        with self._pool_lock:
            pending = set(self._pending)
        return not wait(pending, timeout=timeout).not_done

    def deliver(self, reminder: Reminder) -> list[PushResult]:
        """Push ``reminder`` to each device that has not had this kind of reminder for its day yet."""
        hide = self.ctx.settings().push_hides_words
        words = rules.payload(reminder.kind, reminder.title, reminder.body, hide_words=hide)
        with self.ctx.store.session() as session:
            rows = stored.devices(session=session)
        claimed = [row for row in rows if self._claim(row.id, reminder)]
        return self._push_each(claimed, words)

    def _push_each(self, rows: list[tables.PushDevice], words: dict[str, str]) -> list[PushResult]:
        """Every device at once, so one silent push service delays no other device's push."""
        if not rows:
            return []
        vapid = self._signer()
        workers = min(len(rows), DEVICES_AT_ONCE)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="valuesapp-push-to") as each:
            return list(each.map(lambda row: self._push(row, words, vapid), rows))

    def _claim(self, device_id: int, reminder: Reminder) -> bool:
        """Mark this reminder as going to this device; False if it already went (from any process)."""
        try:
            with self.ctx.store.session() as session:
                save(session=session, row=tables.PushSent(device_id=device_id, kind=reminder.kind, day=reminder.day,
                                                          sent_at=self.ctx.now()))
        except IntegrityError:
            return False
        return True

    def _deliver_safely(self, reminder: Reminder) -> list[PushResult]:
        try:
            return self.deliver(reminder)
        except Exception:  # logged on the worker; the scheduler and the other edges never see it
            log.exception("pushing the %s reminder failed", reminder.kind)
            return []

    def _push(self, row: tables.PushDevice, words: dict[str, str], vapid: Vapid) -> PushResult:
        info = rules.Subscription(row.endpoint, row.p256dh, row.auth).as_info()
        try:
            outcome = self.delivery.send(info, json.dumps(words, ensure_ascii=False), vapid=vapid,
                                         subject=self.subject)
        except Exception as exc:  # the store or the keys, not the network: recorded like any failure
            log.exception("push to device %s failed", row.id)
            outcome = Outcome(False, False, f"could not be sent ({type(exc).__name__})")
        try:
            self._record(row.id, outcome)
        except Exception:  # the store is busy or gone: the push itself went as it went
            log.exception("the result of the push to device %s could not be recorded", row.id)
        view = self._view(row)
        return PushResult(row.id, view.host, view.label, outcome.accepted, outcome.result, removed=outcome.gone)

    def _record(self, device_id: int, outcome: Outcome) -> None:
        with self.ctx.store.session() as session:
            if outcome.gone:
                stored.remove(session=session, device_id=device_id)
                log.info("push device %s is gone; removed", device_id)
                return
            row = stored.device(session=session, device_id=device_id)
            if row is not None:  # removed meanwhile: nothing to record on
                row.last_sent_at, row.last_result = self.ctx.now(), outcome.result
                save(session=session, row=row)

    def close(self) -> None:
        """Stop taking pushes; those under way finish within their timeouts."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
