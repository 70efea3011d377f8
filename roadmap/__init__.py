"""The roadmap to a trauma-responsive London: the journey, its stages, recommendations, the
self-assessment and the anonymous London baseline.

Import direction: the casestudies app (like events) imports roadmap, never the reverse, because
case studies are tagged with roadmap stages (CaseStudyPage.stage). The roadmap shows the content
tagged with a stage through the reverse relations (stage.case_studies, stage.events) and names
the case-study page type by label in its blocks, so it imports no app but home."""
