#!/usr/bin/env python3
"""Regenerates notes/mtsamples-txt and notes/mts-dialog-txt from the CSVs beside them.

One note per file so that `cnlp annotate` and the batch routes can take a folder. The text is
copied verbatim (MTSamples keeps its inline ",HEADER:," layout). Run from corpora-samples/.
"""
import csv
import os
import re

os.makedirs('notes/mtsamples-txt', exist_ok=True)
with open('notes/mtsamples/mtsamples_truncated_322rows.csv', newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        text = (row.get('transcription') or '').strip()
        if not text:
            continue
        specialty = re.sub(r'[^a-z0-9]+', '-', row['medical_specialty'].strip().lower()).strip('-')
        name = f"notes/mtsamples-txt/mtsamples-{int(row['']):04d}-{specialty}.txt"
        with open(name, 'w', encoding='utf-8') as out:
            out.write(text + '\n')

os.makedirs('notes/mts-dialog-txt', exist_ok=True)
with open('notes/mts-dialog/MTS-Dialog-ValidationSet.csv', newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        text = row['section_text'].strip()
        if not text:
            continue
        with open(f"notes/mts-dialog-txt/mts-dialog-val-{int(row['ID']):04d}.txt", 'w', encoding='utf-8') as out:
            out.write(f"{row['section_header'].strip()}:\n{text}\n")
