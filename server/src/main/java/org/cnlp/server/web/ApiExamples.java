package org.cnlp.server.web;

/** Example payloads for the OpenAPI document. */
final class ApiExamples {

    static final String ANNOTATE_REQUEST = """
            {"id": "note-1", "text": "HPI: No diabetes. Mother had breast cancer.\\nPlan: start metformin.",
             "pipeline": "dictionary", "include": ["SENTENCES"]}""";

    static final String ANNOTATE_TEXT = "HPI: No diabetes. Mother had breast cancer.\nPlan: start metformin.";

    static final String ANNOTATE_RESPONSE = """
            {"schema": "cnlp-annotations", "version": "1.0",
             "document": {"id": "note-1", "source": "request", "format": "text"}, "textLength": 66,
             "sections": [{"name": "hpi", "begin": 0, "end": 43, "headerBegin": 0, "headerEnd": 4}],
             "entities": [{"begin": 8, "end": 16, "text": "diabetes", "type": "Disease", "confidence": 0.93,
               "annotator": "ConceptLookupAnnotator", "modelId": "terminology:1",
               "assertion": {"polarity": "negated", "uncertain": false, "conditional": false, "historical": false,
                             "subject": "patient"},
               "concepts": [{"terminology": "DOID", "id": "DOID:9351", "preferredTerm": "diabetes mellitus", "score": 1.0,
                             "xrefs": ["MESH:D003920"]}]}]}""";

    static final String BATCH_REQUEST = """
            {"documents": [{"id": "a", "text": "Denies chest pain."}, {"id": "b", "text": "  "}], "pipeline": "dictionary"}""";

    static final String BATCH_RESPONSE = """
            {"pipeline": "dictionary", "documents": 2,
             "results": [{"index": 0, "id": "a", "status": 200, "annotations": {"schema": "cnlp-annotations", "version": "1.0",
                            "document": {"id": "a", "source": "request", "format": "text"}, "textLength": 18,
                            "sections": [], "entities": []}},
                         {"index": 1, "id": "b", "status": 400, "problem": {"type": "urn:cnlp:problem:empty-text",
                            "title": "Empty text", "status": 400, "detail": "/documents/1/text: the text is empty or only whitespace",
                            "requestId": "3f6c..."}}],
             "succeeded": 1, "failed": 1}""";

    static final String PROBLEM = """
            {"type": "urn:cnlp:problem:unknown-pipeline", "title": "Unknown pipeline", "status": 400,
             "detail": "pipeline 'ner' is not served here; served pipelines: dictionary", "instance": "/api/v1/annotate",
             "requestId": "3f6c0c1e-6f0a-4d8e-9b1e-2a7d5c9e0b11", "validValues": ["dictionary"]}""";

    static final String SEARCH_RESPONSE = """
            {"query": "heart attack", "top": 2, "matches": [
              {"id": "DOID:5844", "preferredTerm": "myocardial infarction", "score": 0.97, "matchType": "EXACT",
               "matchedName": "heart attack", "semanticGroup": "Disease", "source": "DO", "xrefs": ["MESH:D009203"]}]}""";

    private ApiExamples() {
    }

    static final String VQA_JSON_REQUEST = """
            {"image": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==",
             "questions": ["Is there a pneumothorax?", "Which organ is shown?"]}""";

    static final String VQA_RESPONSE = """
            {"model": "vqa@3f2a9c01b7de", "image": {"width": 512, "height": 512},
             "answers": [{"question": "Is there a pneumothorax?", "answer": "no", "confidence": 0.8731, "closed": true},
                         {"question": "Which organ is shown?", "answer": "lung", "confidence": 0.4102, "closed": false}]}""";

    static final String VQA_PROBLEM = """
            {"type": "urn:cnlp:problem:invalid-image", "title": "Invalid image", "status": 400,
             "detail": "chest.jpg: the JPEG data is truncated or corrupt: decoding failed; send the complete, unmodified file",
             "instance": "/api/v1/vqa", "requestId": "3f6c0c1e-6f0a-4d8e-9b1e-2a7d5c9e0b11", "reason": "TRUNCATED"}""";
}
