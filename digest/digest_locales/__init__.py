"""Digest texts per language (`ru/digest.ftl`, `kk/digest.ftl`): labels, templates,
number and date formats, unit and category names, read by `digest.render`."""
