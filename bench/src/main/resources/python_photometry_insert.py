"""The Python baseline of the photometry benchmark: the same rows, into the same schema, with sqlite3.executemany.

    python3 python_photometry_insert.py DATABASE SCHEMA_SQL ROWS_TSV SYNCHRONOUS

ROWS_TSV holds one row per line (image index first, then the photometry columns); the rows are read into memory
before the clock starts, and each image is one transaction, committed, as the hub commits a batch. Prints the
rows per second.
"""
import sqlite3
import sys
import time

database, schema, rows_file, synchronous = sys.argv[1:5]
connection = sqlite3.connect(database, isolation_level=None)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA synchronous=" + synchronous)
connection.executescript(open(schema).read())
images = {}
with open(rows_file) as f:
    for line in f:
        fields = line.rstrip("\n").split("\t")
        image = int(fields[0])
        row = (fields[1], fields[2], float(fields[3]), float(fields[4]), float(fields[5]), float(fields[6]), float(fields[7]),
               float(fields[8]), float(fields[9]), float(fields[10]), float(fields[11]), int(fields[12]))
        images.setdefault(image, []).append(row)
insert = ("INSERT INTO photometry (image_path, source_id, ra_deg, dec_deg, nvss_flux_mjy, peak_jyb, peak_err_jyb, snr, measured_at, mjd, "
          "sep_from_center_deg, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
count = sum(len(rows) for rows in images.values())
begin = time.perf_counter()
for image in sorted(images):
    connection.execute("BEGIN")
    connection.executemany(insert, images[image])
    connection.execute("COMMIT")
elapsed = time.perf_counter() - begin
print("%d %.6f" % (count, elapsed))
