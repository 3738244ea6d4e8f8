/// The OpenAPI 3.1 description of the API, served at `/api/v1/openapi.json`. The same text is
/// `docs/api/openapi.json` (a test keeps them identical).
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Parcours API",
    "version": "1",
    "description": "Prochaines étapes pour une personne éloignée de l'emploi, à partir d'un jeu de règles déclaratif. Rien n'est stocké ni journalisé. Chaque réponse porte l'empreinte du jeu de règles (en-tête X-Parcours-Fingerprint).",
    "license": {"name": "see repository"}
  },
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Exigé quand le serveur est lancé avec --token-file."}},
    "parameters": {
      "date": {"name": "date", "in": "query", "required": false, "description": "Les règles en vigueur ce jour (AAAA-MM-JJ) ; aujourd'hui par défaut.", "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}
    },
    "schemas": {
      "Profile": {"type": "object", "description": "Un profil : les champs de /api/v1/vocabulary et leurs valeurs ; un champ absent est inconnu.", "additionalProperties": true},
      "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "code", "detail"],
        "properties": {
          "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "code": {"type": "string"},
          "detail": {"type": "string"}, "hint": {"type": "string"},
          "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}
        }
      },
      "Diagnostic": {
        "type": "object",
        "required": ["severity", "code", "field", "file", "line", "column", "message", "hint"],
        "properties": {
          "severity": {"enum": ["error", "warning"]}, "code": {"type": "string"}, "field": {"type": ["string", "null"]}, "file": {"type": "string"},
          "line": {"type": "integer"}, "column": {"type": "integer"}, "message": {"type": "string"}, "hint": {"type": ["string", "null"]}
        }
      },
      "Recommendation": {
        "type": "object",
        "description": "Le contrat JSON de `parcours recommend --format json` (README, « Contrat JSON »), à l'octet près.",
        "required": ["route", "referent", "referent_detail", "steps", "questions", "schemes", "fired", "undetermined", "ruleset"],
        "properties": {
          "route": {"type": ["object", "null"]}, "referent": {"type": ["string", "null"]}, "referent_detail": {"type": ["object", "null"]},
          "steps": {"type": "array", "items": {"type": "object"}}, "questions": {"type": "array", "items": {"type": "object"}},
          "schemes": {"type": "array", "items": {"type": "object"}}, "fired": {"type": "array", "items": {"type": "string"}},
          "undetermined": {"type": "array", "items": {"type": "string"}}, "ruleset": {"type": "object"}
        }
      }
    },
    "responses": {
      "Problem": {"description": "Erreur, en français sauf si l'en-tête Accept-Language préfère l'anglais (en) ; la langue est dans Content-Language.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "Document": {"description": "Document JSON", "content": {"application/json": {"schema": {"type": "object"}}}}
    }
  },
  "security": [{}, {"bearer": []}],
  "paths": {
    "/healthz": {"get": {"summary": "État du serveur et empreinte des règles", "responses": {"200": {"$ref": "#/components/responses/Document"}}}},
    "/api/v1/openapi.json": {"get": {"summary": "Ce document", "responses": {"200": {"$ref": "#/components/responses/Document"}}}},
    "/api/v1/vocabulary": {"get": {"summary": "Champs d'un profil : types, valeurs, libellés et questions en français, groupes", "parameters": [{"$ref": "#/components/parameters/date"}], "responses": {"200": {"$ref": "#/components/responses/Document"}, "400": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/catalogue": {"get": {"summary": "Parcours, étapes, partenaires, immersions et actions", "parameters": [{"$ref": "#/components/parameters/date"}], "responses": {"200": {"$ref": "#/components/responses/Document"}}}},
    "/api/v1/schemes": {"get": {"summary": "Dispositifs : critères et étapes", "parameters": [{"$ref": "#/components/parameters/date"}], "responses": {"200": {"$ref": "#/components/responses/Document"}}}},
    "/api/v1/ruleset": {"get": {"summary": "Empreinte, date, nombres, dernier rechargement et ses erreurs", "parameters": [{"$ref": "#/components/parameters/date"}], "responses": {"200": {"$ref": "#/components/responses/Document"}}}},
    "/api/v1/recommend": {
      "post": {
        "summary": "Recommandation pour un profil, ou pour un diagnostic France Travail ou Carnet de bord (from)",
        "parameters": [{"$ref": "#/components/parameters/date"},
                       {"name": "from", "in": "query", "description": "le corps est un diagnostic de cette plateforme, importé par Rules/imports/ ; la réponse porte alors import (repris, non repris, non abordés)", "schema": {"type": "string", "enum": ["france-travail", "carnet-de-bord"]}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}, "application/yaml": {"schema": {"$ref": "#/components/schemas/Profile"}}}},
        "responses": {
          "200": {"description": "La recommandation", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Recommendation"}}}},
          "422": {"$ref": "#/components/responses/Problem"}, "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "413": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/explain": {
      "post": {
        "summary": "Pourquoi une règle s'applique ou non, ou les critères d'un dispositif, pour un profil",
        "parameters": [
          {"$ref": "#/components/parameters/date"},
          {"name": "rule", "in": "query", "schema": {"type": "string"}},
          {"name": "scheme", "in": "query", "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}}},
        "responses": {"200": {"$ref": "#/components/responses/Document"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    }
  }
}
"""#
}
