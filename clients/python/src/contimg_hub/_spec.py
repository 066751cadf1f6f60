"""Every bus address the TCP bridge permits, with its request fields and reply type: the one list from which the
typed methods of ``Hub`` and ``aio.Hub`` are generated (``python tools/generate_api.py``).

Tests keep it honest: the addresses must be exactly those the hub's operation table (``bus_operations.json``,
rendered from ``BusOperation.java``) opens to the pipeline, and each operation's fields (and those of its nested
items) exactly the fields the running hub accepts for it, which it tells when asked with an unknown field.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Dict, Tuple


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    annotation: str
    required: bool = False


@dataclasses.dataclass(frozen=True)
class Operation:
    address: str
    reply: str
    fields: Tuple[Field, ...]
    idempotent: bool
    doc: str
    #: fields whose value is an object, or a list of objects, with a TypedDict of its own: field -> TypedDict
    nested: Tuple[Tuple[str, str], ...] = ()

    @property
    def method(self) -> str:
        return self.address.replace(".", "_")

    @property
    def nested_types(self) -> Dict[str, str]:
        return dict(self.nested)


def _op(address: str, reply: str, fields: str, *, idempotent: bool, doc: str,
        nested: Tuple[Tuple[str, str], ...] = ()) -> Operation:
    """``fields`` is ``"name:Annotation, name?:Annotation"``; a ``?`` marks an optional field."""
    parsed = []
    for item in filter(None, (part.strip() for part in re.split(r",(?![^\[]*\])", fields))):
        name, annotation = (text.strip() for text in item.split(":", 1))
        optional = name.endswith("?")
        parsed.append(Field(name.rstrip("?"), annotation, required=not optional))
    return Operation(address, reply, tuple(parsed), idempotent, doc, nested)


_NUM = "Number"
_INT = "Integer"

OPERATIONS: Tuple[Operation, ...] = (
    # ------------------------------------------------------------------------------------------------ ingest
    _op("ingest.subband.add", "SubbandAdded", "file_path:str, file_size?:Integer", idempotent=True,
        doc="Records one subband file, named ``YYYY-MM-DDTHH:MM:SS_sbNN.hdf5`` (NN 00-15). The same file twice is a "
            "no-op (``added`` false); the same subband of a group from another path is a Conflict."),
    _op("ingest.group.claim", "ClaimReply", "worker:str", idempotent=False,
        doc="Leases the oldest pending group to ``worker``: ``{claimed: true, group}``, or ``{claimed: false, group: "
            "None}`` when nothing is pending. Prefer :meth:`claim`, which heartbeats and completes or fails the group."),
    _op("ingest.group.heartbeat", "Heartbeat", "group_id:str, worker?:str", idempotent=True,
        doc="Keeps the lease of an ``in_progress`` group; Conflict when it is not in progress or held by another worker."),
    _op("ingest.group.complete", "GroupDetail", "group_id:str, worker?:str, metrics?:GroupMetrics", idempotent=False,
        nested=(("metrics", "GroupMetrics"),),
        doc="Completes an ``in_progress`` group, recording its timings; Conflict from any other state."),
    _op("ingest.group.fail", "GroupDetail", "group_id:str, error:str, retryable:bool, worker?:str", idempotent=False,
        doc="Reports a failure: a retryable one puts the group back to ``pending`` until the hub's max_retries, "
            "otherwise it is ``failed``."),
    _op("ingest.group.retry", "GroupDetail", "group_id:str", idempotent=False,
        doc="Puts a ``failed`` group back to ``pending`` with its retry count reset (an operator's action)."),
    _op("ingest.group.calibrators", "GroupDetail", "group_id:str, has_calibrator:bool, calibrators:Sequence[Any]",
        idempotent=True, doc="Records whether the group's field holds a calibrator, and which."),
    _op("ingest.group.get", "GroupDetail", "group_id:str", idempotent=True,
        doc="One group with its subband ``files``, ``metrics`` and the ``worker`` holding it; NotFound if unknown."),
    _op("ingest.queue.list", "GroupPage", "state?:str, has_calibrator?:bool, limit?:Integer, offset?:Integer",
        idempotent=True, doc="Groups, newest first, optionally of one state; ``limit`` 1-500 (default 50)."),
    _op("ingest.queue.stats", "QueueStats", "", idempotent=True,
        doc="The count per state, the age of the oldest pending group and the groups completed in the last hour."),
    # ------------------------------------------------------------------------------------------------ calibration
    _op("cal.set.register", "SetRegistered", "set_name:str, tables:Sequence[CalTable], replace?:bool", idempotent=True,
        nested=(("tables", "CalTable"),),
        doc="Registers a calibration set, all tables in one transaction. The same set again is a no-op "
            "(``registered`` false); other tables under the same name are a Conflict unless ``replace``."),
    _op("cal.set.retire", "SetRetired", "set_name:str, reason:str", idempotent=True,
        doc="Retires a set (a second retire is a no-op); the reason is kept."),
    _op("cal.set.list", "CalSetPage", "active?:bool, type?:str, start_mjd?:Number, end_mjd?:Number, limit?:Integer, "
        "offset?:Integer", idempotent=True, doc="Registered sets, newest first."),
    _op("cal.set.get", "CalSet", "set_name:str", idempotent=True,
        doc="One set: its tables, whether it is active, and why it was retired."),
    _op("cal.active.at", "ActiveCalibration", "mjd:Number, fallback?:bool", idempotent=True,
        doc="The apply list at an MJD: per table type the newest valid table, in application order, or the nearest "
            "within the fallback window (``fallback``); ``complete`` false and ``missing`` naming the required types "
            "it lacks; NotFound when no table of any type is within reach."),
    _op("cal.coverage", "Coverage", "start_mjd:Number, end_mjd:Number, type?:str", idempotent=True,
        doc="Where the apply lists between two MJDs (at most 3660 days) are complete, partial or missing; "
            "``type`` asks about one table type."),
    # ------------------------------------------------------------------------------------------------ products
    _op("products.ms.upsert", "MeasurementSetRecord",
        "path:str, start_mjd?:Number, end_mjd?:Number, mid_mjd?:Number, processed_at?:Number, status?:str, "
        "stage?:str, cal_applied?:bool, imagename?:str, field_name?:str, pointing_ra_deg?:Number, "
        "pointing_dec_deg?:Number, force?:bool", idempotent=True,
        doc="Records a Measurement Set; a field left out keeps its value. ``stage`` only moves converted -> "
            "calibrated -> imaged -> photometry_complete (back is a Conflict unless ``force``)."),
    _op("products.ms.list", "MeasurementSetPage", "stage?:str, status?:str, start_mjd?:Number, end_mjd?:Number, "
        "limit?:Integer, offset?:Integer", idempotent=True, doc="Measurement Sets, newest observation first."),
    _op("products.image.add", "ImageRecord",
        "path:str, ms_path:str, type:str, format?:str, beam_major_arcsec?:Number, beam_minor_arcsec?:Number, "
        "beam_pa_deg?:Number, noise_jy?:Number, dynamic_range?:Number, pbcor?:bool, field_name?:str, "
        "center_ra_deg?:Number, center_dec_deg?:Number, imsize_x?:Integer, imsize_y?:Integer, "
        "cellsize_arcsec?:Number, freq_ghz?:Number, bandwidth_mhz?:Number, integration_sec?:Number, primary?:bool",
        idempotent=True,
        doc="Records an image of a recorded MS (NotFound otherwise); ``type`` is image, pbcor, residual or mosaic. "
            "The same path again updates the row."),
    _op("products.image.get", "ImageRecord", "id:Integer", idempotent=True, doc="One image by id."),
    _op("products.images.list", "ImagePage", "type?:str, field?:str, pbcor?:bool, start_mjd?:Number, end_mjd?:Number, "
        "created_after?:Number, created_before?:Number, limit?:Integer, offset?:Integer", idempotent=True,
        doc="Images; times are their MS's ``mid_mjd``."),
    _op("products.photometry.add", "PhotometryRecorded",
        "image_path:str, mjd:Number, measurements:Sequence[Measurement], replace?:bool", idempotent=True,
        nested=(("measurements", "Measurement"),),
        doc="Records an image's forced photometry, the whole batch in one transaction or nothing (a bad row is named: "
            "``measurements[17].peak_jyb``). A batch is recorded once per image (``duplicate`` when re-sent); "
            "``replace`` swaps it."),
    _op("products.timeseries.get", "Timeseries", "source_id:str, start_mjd?:Number, end_mjd?:Number", idempotent=True,
        doc="A source's light curve, oldest first."),
    _op("products.mosaic.add", "MosaicRecord",
        "path:str, name:str, start_mjd:Number, end_mjd:Number, integration_sec?:Number, n_images?:Integer, "
        "center_ra_deg?:Number, center_dec_deg?:Number, dec_min_deg?:Number, dec_max_deg?:Number, noise_jy?:Number, "
        "beam_major_arcsec?:Number, beam_minor_arcsec?:Number, beam_pa_deg?:Number, n_sources?:Integer, "
        "thumbnail_path?:str", idempotent=True, doc="Records a mosaic (the same path again updates it)."),
    _op("products.mosaics.list", "MosaicPage", "start_mjd?:Number, end_mjd?:Number, limit?:Integer, offset?:Integer",
        idempotent=True, doc="Mosaics, newest first."),
    _op("products.qa.add", "QaArtifact", "group_id:str, name:str, path:str, type?:str, category?:str", idempotent=True,
        doc="Records a QA artifact of a group (``type`` plot, table or report; ``category`` calibration, imaging or "
            "system); the same (group_id, name) again updates it."),
    _op("products.qa.list", "QaArtifacts", "group_id:str", idempotent=True, doc="A group's QA artifacts."),
    _op("products.pointing.add", "PointingAdded", "samples:Sequence[PointingSample]", idempotent=True,
        nested=(("samples", "PointingSample"),),
        doc="Records pointing samples; a timestamp already recorded is ignored."),
    _op("products.pointing.list", "PointingHistory", "start?:Number, end?:Number, max_points?:Integer", idempotent=True,
        doc="Pointing history between two Unix times, thinned evenly to at most ``max_points`` (default 1000)."),
    _op("products.sources.search", "SourceSearch", "prefix?:str, ra_deg?:Number, dec_deg?:Number, radius_deg?:Number, "
        "limit?:Integer", idempotent=True, doc="Sources that have photometry, by name prefix or cone (at most 10 deg)."),
    _op("products.source.get", "SourceDetail", "source_id:str", idempotent=True,
        doc="A source's statistics and every candidate it has had."),
    _op("products.variability.list", "VariabilityPage",
        "sort?:str, min_n_obs?:Integer, min_flux?:Number, max_flux?:Number, ra_deg?:Number, dec_deg?:Number, "
        "radius_deg?:Number, limit?:Integer, offset?:Integer", idempotent=True, doc="Variability statistics."),
    _op("products.variability.eta_v", "EtaV", "min_n_obs?:Integer, max_points?:Integer", idempotent=True,
        doc="Points of the eta-V plot, thinned evenly above ``max_points``; open candidates always kept."),
    _op("products.variability.recompute", "Recomputed", "source_id?:str, all?:bool", idempotent=True,
        doc="Rebuilds the statistics of one source (``source_id``) or of all (``all=True``) from photometry."),
    _op("products.ese.list", "CandidatePage", "status?:str, flag_type?:str, min_significance?:Number, sort?:str, "
        "order?:str, limit?:Integer, offset?:Integer", idempotent=True,
        doc="ESE candidates with their source's statistics; default active, strongest first."),
    _op("products.ese.flag", "Candidate", "source_id:str, by:str, notes?:str, significance?:Number", idempotent=False,
        doc="Flags a source by hand (flag_type ``user``); Conflict when it already has an open user flag."),
    _op("products.ese.update", "Candidate", "id:Integer, status:str, by:str, notes?:str", idempotent=False,
        doc="Reviews a candidate: ``status`` active, investigated or dismissed; notes are appended."),
    _op("products.alerts.list", "AlertPage", "type?:str, severity?:str, source_id?:str, since?:Number, until?:Number, "
        "limit?:Integer, offset?:Integer", idempotent=True, doc="Recorded alerts, newest first."),
    # ------------------------------------------------------------------------------------------------ catalog
    _op("catalog.cone.search", "ConeSearch", "ra_deg:Number, dec_deg:Number, radius_deg:Number, min_flux_jy?:Number, "
        "references?:str, limit?:Integer", idempotent=True,
        doc="Catalogue sources within ``radius_deg`` (0-10), nearest first; ``references`` none, good or final."),
    _op("catalog.source.get", "CatalogSourceDetail", "source_id:str", idempotent=True,
        doc="One catalogue source, and whether it is a good or final reference."),
    _op("catalog.stats", "CatalogStats", "", idempotent=True,
        doc="Counts of sources and references, and the NVSS flux range."),
)

#: Addresses the bridge's default allow-list lets through that have no typed method. None since the allow-list names
#: operations rather than prefixes: the alerts owner's outbox (``products.alerts.enqueue``, ``.pending``,
#: ``.record``) is owner-internal and never reachable over the bridge.
INTERNAL: Dict[str, str] = {}

#: The addresses the bridge lets a pipeline service subscribe to.
EVENT_ADDRESSES: Tuple[str, ...] = (
    "events.queue", "events.alerts", "events.ese", "events.products", "events.calibration", "events.catalog",
)

BY_ADDRESS: Dict[str, Operation] = {op.address: op for op in OPERATIONS}
