"""Promising practice and research: the case study finder, case studies and research reports.

Import direction: casestudies imports roadmap (and home), never the reverse, because case studies
are tagged with roadmap stages (CaseStudyPage.stage) and the finder filters by them; the roadmap
lists the case studies tagged with a stage through the reverse relation (stage.case_studies)."""
