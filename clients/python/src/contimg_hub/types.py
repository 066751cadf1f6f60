"""The shapes of requests, replies and events, as ``TypedDict`` s.

At run time every reply is a plain ``dict``; these types tell a type checker and a reader what is in it. Keys a
reply always carries are required keys (a test against a real hub checks they are there); keys that may be
absent, or that newer hubs add, are optional. Keys not declared here still arrive and can be read, so a newer hub
never breaks this client.

Request item types (``Measurement``, ``CalTable``, ``PointingSample``, ``GroupMetrics``) accept numpy scalars
wherever a number goes; their keys are checked against the hub's own list of fields by a test.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, SupportsFloat, SupportsIndex, TypedDict, Union

#: Anything that converts to a float: int, float, numpy floating and integer scalars, Decimal.
Number = SupportsFloat
#: Anything that is an integer: int, numpy integer scalars.
Integer = SupportsIndex
JsonObject = Dict[str, Any]

# --------------------------------------------------------------------------------------------------- requests


class _MeasurementRequired(TypedDict):
    source_id: str
    ra_deg: Number
    dec_deg: Number
    peak_jyb: Number


class Measurement(_MeasurementRequired, total=False):
    """One row of ``products_photometry_add``: fluxes in Jy/beam, positions in degrees."""

    nvss_flux_mjy: Optional[Number]
    peak_err_jyb: Optional[Number]
    snr: Optional[Number]
    sep_from_center_deg: Optional[Number]
    flags: Optional[Integer]


class _CalTableRequired(TypedDict):
    path: str
    table_type: str
    valid_start_mjd: Number


class CalTable(_CalTableRequired, total=False):
    """One table of ``cal_set_register``: ``table_type`` is one of the hub's ``calibration.table_types`` (by default
    K, BA, BP, GA, GP, G, 2G, FLUX); without ``valid_end_mjd`` (or with None) the table is open-ended: valid until a
    later table of its type begins."""

    order_index: Integer
    valid_end_mjd: Optional[Number]


class _PointingSampleRequired(TypedDict):
    timestamp: Number
    ra_deg: Number
    dec_deg: Number


class PointingSample(_PointingSampleRequired, total=False):
    """One sample of ``products_pointing_add``; ``timestamp`` in Unix seconds."""

    mjd: Number
    alt_deg: Number
    az_deg: Number
    lst_hours: Number
    field_name: str


class GroupMetrics(TypedDict, total=False):
    """The timings a worker reports with ``ingest_group_complete`` (seconds); ``writer_type`` is one of
    ``direct-subband``, ``pyuvdata``, ``auto``."""

    writer_type: str
    conversion_time: Number
    concat_time: Number
    k_solve_time: Number
    bp_solve_time: Number
    g_solve_time: Number
    imaging_time: Number
    photometry_time: Number
    total_time: Number


# --------------------------------------------------------------------------------------------------- ingest


class SubbandAdded(TypedDict):
    group_id: str
    state: str
    subbands: int
    expected_subbands: int
    added: bool


class SubbandFile(TypedDict):
    subband_idx: int
    file_path: str
    file_size: Optional[int]
    discovered_at: float


class _GroupRequired(TypedDict):
    group_id: str
    state: str
    received_at: float
    last_update: float
    expected_subbands: int
    has_calibrator: Optional[bool]
    calibrators: Optional[List[Any]]
    retry_count: int
    error_message: Optional[str]
    subbands: int


class Group(_GroupRequired, total=False):
    """A row of the ingest queue (``state``: collecting, pending, in_progress, completed, failed)."""


class _GroupWithFiles(_GroupRequired):
    files: List[SubbandFile]


class RecordedMetrics(TypedDict, total=False):
    writer_type: Optional[str]
    conversion_time: Optional[float]
    concat_time: Optional[float]
    k_solve_time: Optional[float]
    bp_solve_time: Optional[float]
    g_solve_time: Optional[float]
    imaging_time: Optional[float]
    photometry_time: Optional[float]
    total_time: Optional[float]
    recorded_at: float


class GroupDetail(_GroupWithFiles, total=False):
    """A group with its subband ``files``; ``ingest_group_get`` adds its ``metrics`` and the ``worker`` holding it."""

    metrics: Optional[RecordedMetrics]
    worker: Optional[str]


class _ClaimRequired(TypedDict):
    claimed: bool
    group: Optional[GroupDetail]


class ClaimReply(_ClaimRequired, total=False):
    worker: str


class Heartbeat(TypedDict):
    group_id: str
    state: str
    last_update: float


class GroupPage(TypedDict):
    groups: List[Group]
    total: int
    limit: int
    offset: int


class QueueStats(TypedDict):
    counts: Dict[str, int]
    total: int
    at: float
    oldest_pending_age_s: Optional[float]
    groups_per_hour: int


# --------------------------------------------------------------------------------------------------- calibration


class SetRegistered(TypedDict):
    set_name: str
    registered: bool
    tables: int
    valid_start_mjd: float
    valid_end_mjd: float


class CalTableRecord(TypedDict):
    set_name: str
    path: str
    table_type: str
    order_index: int
    valid_start_mjd: float
    valid_end_mjd: float
    created_at: float
    active: bool


class _AppliedTableRequired(CalTableRecord):
    open_ended: bool
    fallback: bool


class AppliedTable(_AppliedTableRequired, total=False):
    """One table of an apply list; ``distance_hours`` (outside its window) only when ``fallback`` is true."""

    distance_hours: float


class _ActiveRequired(TypedDict):
    mjd: float
    complete: bool
    missing: List[str]
    required_types: List[str]
    tables: List[AppliedTable]
    sets: List[str]
    set_name: str
    created_at: float
    fallback: bool
    overlapping_sets: List[str]


class ActiveCalibration(_ActiveRequired, total=False):
    """The apply list at an MJD: per table type the newest valid table, in application order. ``complete`` is false,
    and ``missing`` names them, when a required type has no table; ``distance_hours`` only when ``fallback``."""

    distance_hours: float


class SetRetired(TypedDict):
    set_name: str
    retired: bool


class CalSetSummary(TypedDict):
    set_name: str
    tables: int
    types: List[str]
    valid_start_mjd: float
    valid_end_mjd: float
    created_at: float
    active: bool


class CalSetPage(TypedDict):
    sets: List[CalSetSummary]
    total: int
    limit: int
    offset: int


class Retirement(TypedDict, total=False):
    reason: str
    retired_at: float


class CalSet(TypedDict):
    set_name: str
    tables: List[CalTableRecord]
    active: bool
    retirement: Optional[Retirement]


class MjdInterval(TypedDict):
    start_mjd: float
    end_mjd: float


class Coverage(TypedDict):
    """Where the apply lists are complete (``covered``), ``partial`` or ``missing``; ``gaps`` is the last two."""

    start_mjd: float
    end_mjd: float
    types: List[str]
    covered: List[MjdInterval]
    partial: List[MjdInterval]
    missing: List[MjdInterval]
    gaps: List[MjdInterval]
    covered_fraction: float


# --------------------------------------------------------------------------------------------------- products


class _MeasurementSetRequired(TypedDict):
    path: str
    mid_mjd: Optional[float]
    status: Optional[str]
    stage: Optional[str]


class MeasurementSetRecord(_MeasurementSetRequired, total=False):
    start_mjd: Optional[float]
    end_mjd: Optional[float]
    processed_at: Optional[float]
    stage_updated_at: Optional[float]
    cal_applied: Optional[int]
    imagename: Optional[str]
    field_name: Optional[str]
    pointing_ra_deg: Optional[float]
    pointing_dec_deg: Optional[float]


class MeasurementSetPage(TypedDict):
    ms: List[MeasurementSetRecord]
    total: int
    limit: int
    offset: int


class _ImageRequired(TypedDict):
    id: int
    path: str
    ms_path: str
    created_at: float
    type: str


class ImageRecord(_ImageRequired, total=False):
    """An image row; ``products_image_get`` and the list add the MS's ``mid_mjd`` and how the image was normalised:
    ``normalisation`` (normalised, disabled, too_few_references, catalogue_unavailable), its ``gain`` and
    ``gain_err``, and the ``references_used`` to solve it (all None before its photometry)."""

    format: Optional[str]
    beam_major_arcsec: Optional[float]
    beam_minor_arcsec: Optional[float]
    beam_pa_deg: Optional[float]
    noise_jy: Optional[float]
    dynamic_range: Optional[float]
    pbcor: Optional[int]
    field_name: Optional[str]
    center_ra_deg: Optional[float]
    center_dec_deg: Optional[float]
    imsize_x: Optional[int]
    imsize_y: Optional[int]
    cellsize_arcsec: Optional[float]
    freq_ghz: Optional[float]
    bandwidth_mhz: Optional[float]
    integration_sec: Optional[float]
    mid_mjd: Optional[float]
    normalisation: Optional[str]
    gain: Optional[float]
    gain_err: Optional[float]
    references_used: Optional[int]


class ImagePage(TypedDict):
    images: List[ImageRecord]
    total: int
    limit: int
    offset: int


class PhotometryRecorded(TypedDict):
    image_path: str
    mjd: float
    count: int
    added: int
    duplicate: bool
    replaced: bool


class _TimeseriesPointRequired(TypedDict):
    mjd: float
    flux_mjy: float
    error_mjy: Optional[float]


class TimeseriesPoint(_TimeseriesPointRequired, total=False):
    """One measurement of a light curve; ``flux_norm_mjy``/``error_norm_mjy`` (may be null) and the image's
    ``normalisation`` status (``pending`` before it has one) on newer hubs."""

    snr: Optional[float]
    field_name: Optional[str]
    image_noise_mjy: Optional[float]
    image_path: str
    flux_norm_mjy: Optional[float]
    error_norm_mjy: Optional[float]
    normalisation: str


class _TimeseriesRequired(TypedDict):
    source_id: str
    count: int
    points: List[TimeseriesPoint]


class Timeseries(_TimeseriesRequired, total=False):
    nvss_flux_mjy: Optional[float]


class _MosaicRequired(TypedDict):
    id: int
    path: str
    name: str
    start_mjd: float
    end_mjd: float


class MosaicRecord(_MosaicRequired, total=False):
    """A row of ``mosaics``, as ``products_mosaic_add`` answers it."""

    created_at: float
    integration_sec: Optional[float]
    n_images: Optional[int]
    center_ra_deg: Optional[float]
    center_dec_deg: Optional[float]
    dec_min_deg: Optional[float]
    dec_max_deg: Optional[float]
    noise_jy: Optional[float]
    beam_major_arcsec: Optional[float]
    beam_minor_arcsec: Optional[float]
    beam_pa_deg: Optional[float]
    n_sources: Optional[int]
    thumbnail_path: Optional[str]


class MosaicSummary(_MosaicRequired, total=False):
    """A mosaic as ``products_mosaics_list`` lists it: its integration in ``hours`` and its noise in mJy/beam
    (``noise_mjy``), without the beam and coverage columns of the row."""

    created_at: float
    hours: Optional[float]
    n_images: Optional[int]
    n_sources: Optional[int]
    noise_mjy: Optional[float]
    thumbnail_path: Optional[str]


class MosaicPage(TypedDict):
    mosaics: List[MosaicSummary]
    total: int
    limit: int
    offset: int


class _QaArtifactRequired(TypedDict):
    id: int
    group_id: str
    name: str
    path: str


class QaArtifact(_QaArtifactRequired, total=False):
    type: Optional[str]
    category: Optional[str]
    created_at: float


class QaArtifacts(TypedDict):
    group_id: str
    artifacts: List[QaArtifact]


class PointingAdded(TypedDict):
    added: int
    ignored: int


class _PointingRecordRequired(TypedDict):
    timestamp: float
    ra_deg: float
    dec_deg: float


class PointingRecord(_PointingRecordRequired, total=False):
    mjd: Optional[float]
    alt_deg: Optional[float]
    az_deg: Optional[float]
    lst_hours: Optional[float]
    field_name: Optional[str]


class PointingHistory(TypedDict):
    points: List[PointingRecord]
    total: int
    every: int


class _SourceSummaryRequired(TypedDict):
    source_id: str


class SourceSummary(_SourceSummaryRequired, total=False):
    """A source that has photometry; a cone search adds its ``separation_deg`` from the centre."""

    ra_deg: float
    dec_deg: float
    nvss_flux_mjy: Optional[float]
    n_obs: int
    last_mjd: Optional[float]
    separation_deg: float


class SourceSearch(TypedDict):
    sources: List[SourceSummary]


class _VariabilityStatsRequired(TypedDict):
    source_id: str


class VariabilityStats(_VariabilityStatsRequired, total=False):
    """A source's row of ``variability_stats`` (fluxes in mJy; ``chi2_nu`` is eta). The hub's other statistics are
    in :class:`NamedStatistics` (``products_source_get``) or beside these (:class:`VariabilityRow`)."""

    ra_deg: float
    dec_deg: float
    nvss_flux_mjy: Optional[float]
    n_obs: int
    mean_flux_mjy: Optional[float]
    std_flux_mjy: Optional[float]
    min_flux_mjy: Optional[float]
    max_flux_mjy: Optional[float]
    chi2_nu: Optional[float]
    sigma_deviation: Optional[float]
    last_measured_at: Optional[float]
    last_mjd: Optional[float]
    updated_at: float


class NamedStatistics(TypedDict, total=False):
    """The hub's running statistics of a source (None where it has none): ``significance`` is the strongest
    ``detector``'s now. The set grows: read the ones you need with ``.get()``."""

    eta: Optional[float]
    v: Optional[float]
    weighted_mean_mjy: Optional[float]
    n_w: Optional[int]
    vs_max: Optional[float]
    m_max: Optional[float]
    significance: Optional[float]
    detector: Optional[str]


class VariabilityRow(VariabilityStats, total=False):
    """A row of ``products_variability_list``: the seed's statistics with the hub's named ones beside them (the
    strongest detector's significance as ``current_significance``); a cone adds ``separation_deg``."""

    eta: Optional[float]
    v: Optional[float]
    weighted_mean_mjy: Optional[float]
    n_w: Optional[int]
    vs_max: Optional[float]
    m_max: Optional[float]
    current_significance: Optional[float]
    detector: Optional[str]
    separation_deg: float


class _CandidateRequired(TypedDict):
    id: int
    source_id: str
    flag_type: str
    status: Optional[str]


class Candidate(_CandidateRequired, total=False):
    """A row of ``ese_candidates`` (``status``: active, investigated, dismissed; None in rows the existing pipeline
    wrote, counted as active)."""

    significance: float
    flagged_at: float
    flagged_by: Optional[str]
    notes: Optional[str]
    investigated_at: Optional[float]
    dismissed_at: Optional[float]


class EvidenceDetail(TypedDict):
    """One detector's recorded evidence for a candidate: ``significance`` sigma-equivalent after ``trials``,
    ``depth`` fractional (negative for a dip), ``start_mjd``/``end_mjd`` where the departure lies."""

    detector: str
    significance: float
    local_sigma: float
    trials: float
    at_mjd: float
    scale_days: Optional[float]
    depth: Optional[float]
    direction: Optional[str]
    start_mjd: Optional[float]
    end_mjd: Optional[float]
    n_points: Optional[int]
    recorded_at: float


class CandidateWithEvidence(Candidate, total=False):
    """A candidate of ``products_source_get``, with every piece of its recorded ``evidence`` (an empty list for a
    candidate flagged by hand)."""

    evidence: List[EvidenceDetail]


class EvidenceSummary(TypedDict):
    """What made a candidate, in a few fields: its strongest evidence."""

    detector: str
    significance: float
    depth: Optional[float]
    direction: Optional[str]
    scale_days: Optional[float]
    start_mjd: Optional[float]
    end_mjd: Optional[float]
    at_mjd: float


class CandidateListItem(Candidate, total=False):
    """A candidate of ``products_ese_list``, with its source's position and statistics and its strongest
    ``evidence`` (None for a candidate without recorded evidence)."""

    ra_deg: float
    dec_deg: float
    mean_flux_mjy: Optional[float]
    nvss_flux_mjy: Optional[float]
    chi2_nu: Optional[float]
    sigma_deviation: Optional[float]
    n_obs: Optional[int]
    evidence: Optional[EvidenceSummary]


class _SourceDetailRequired(TypedDict):
    source_id: str
    candidates: List[CandidateWithEvidence]


class SourceDetail(_SourceDetailRequired, total=False):
    """A source's seed ``stats``, the hub's named ``statistics``, every candidate it has had (newest first) and
    the path of its light curve."""

    stats: Optional[VariabilityStats]
    statistics: NamedStatistics
    timeseries: str


class VariabilityPage(TypedDict):
    sources: List[VariabilityRow]
    total: int
    limit: int
    offset: int


class _EtaVPointRequired(TypedDict):
    source_id: str


class EtaVPoint(_EtaVPointRequired, total=False):
    eta: Optional[float]
    v: Optional[float]
    n_obs: int
    mean_flux_mjy: Optional[float]
    candidate: bool


class EtaV(TypedDict):
    points: List[EtaVPoint]
    total: int
    every: int


class Recomputed(TypedDict):
    sources: int


class CandidatePage(TypedDict):
    candidates: List[CandidateListItem]
    total: int
    limit: int
    offset: int


class _AlertRecordRequired(TypedDict):
    id: int
    alert_type: str
    severity: str
    message: str


class AlertRecord(_AlertRecordRequired, total=False):
    """A row of ``alert_history``; an alert's title is not kept apart: it leads its ``message``."""

    source_id: Optional[str]
    sent_at: float
    channel: Optional[str]
    success: bool
    error_msg: Optional[str]


class AlertPage(TypedDict):
    alerts: List[AlertRecord]
    total: int
    limit: int
    offset: int


# --------------------------------------------------------------------------------------------------- catalog


class _CatalogSourceRequired(TypedDict):
    source_id: str
    ra_deg: float
    dec_deg: float


class CatalogSource(_CatalogSourceRequired, total=False):
    """A row of the catalogue's ``sources`` (fluxes in Jy)."""

    s_nvss: Optional[float]
    snr_nvss: Optional[float]
    s_vlass: Optional[float]
    alpha: Optional[float]
    resolved_flag: Optional[int]
    confusion_flag: Optional[int]
    first_size_maj_arcsec: Optional[float]
    first_size_min_arcsec: Optional[float]
    first_size_pa_deg: Optional[float]


class ConeMatch(CatalogSource):
    """A source of a cone search, with its ``separation_deg`` from the centre."""

    separation_deg: float


class CatalogSourceDetail(CatalogSource):
    """``catalog_source_get``: a source, and whether it is in the ``good_references`` and ``final_references``
    views."""

    good_reference: bool
    final_reference: bool


class _ConeRequired(TypedDict):
    count: int
    total: int
    truncated: bool
    sources: List[ConeMatch]


class ConeSearch(_ConeRequired, total=False):
    ra_deg: float
    dec_deg: float
    radius_deg: float


class CatalogStats(TypedDict):
    sources: int
    good_references: int
    final_references: int
    min_s_nvss: Optional[float]
    max_s_nvss: Optional[float]


# --------------------------------------------------------------------------------------------------- events


class _QueueEventRequired(TypedDict):
    group_id: str
    to: str
    at: float


class QueueEvent(_QueueEventRequired, total=False):
    """``events.queue``: a group changed state (``from`` is None for a new group; read it as ``event["from"]``)."""

    retry_count: int
    subbands: int


class EseEventEvidence(TypedDict):
    """What made a new or stronger candidate: its strongest detection, as ``events.ese`` carries it."""

    detector: str
    significance: float
    local_sigma: float
    trials: float
    at_mjd: float
    scale_days: Optional[float]
    depth: Optional[float]
    direction: Optional[str]
    start_mjd: Optional[float]
    end_mjd: Optional[float]


class EseEvent(TypedDict, total=False):
    """``events.ese``: a new or stronger candidate (with its ``evidence``), or a review (``change``: new, stronger,
    review)."""

    id: int
    source_id: str
    flag_type: str
    significance: Optional[float]
    status: str
    flagged_by: Optional[str]
    ra: float
    dec: float
    mean_flux_mjy: Optional[float]
    nvss_flux_mjy: Optional[float]
    n_obs: int
    change: str
    evidence: EseEventEvidence


class ProductEvent(TypedDict, total=False):
    """``events.products``: a committed product; ``type`` is ms, image, photometry, mosaic, qa or pointing."""

    type: str
    path: str


class CalibrationEvent(TypedDict, total=False):
    """``events.calibration``: ``type`` registered, retired or missing."""

    type: str
    set_name: str
    mjd: float


class AlertEvent(AlertRecord, total=False):
    """``events.alerts``: the ``alert_history`` row of a recorded alert."""


class CatalogEvent(TypedDict, total=False):
    """``events.catalog``: import progress (``type`` progress or imported)."""

    type: str
    loaded: int
    total: int


Event = Union[QueueEvent, EseEvent, ProductEvent, CalibrationEvent, AlertEvent, CatalogEvent, JsonObject]

__all__ = [name for name, value in list(globals().items())
           if not name.startswith("_") and (isinstance(value, type) and issubclass(value, dict) and value is not dict
                                            or name in ("Number", "Integer", "JsonObject", "Event"))]
