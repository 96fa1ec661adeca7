"""`POST /api/v1/check`: the compliance report for any script text, the same JSON as
`script-agent check --json`.

It changes nothing and calls no model unless the LLM judge is configured, so any authenticated role
may call it. Product facts come from the body's `product`, or from the catalogue by `product_id`
(an unknown id is a 404, like everywhere else). A body naming another tenant is refused (403).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from script_agent.agents.compliance import ComplianceChecker
from script_agent.domain.compliance.facts import facts_from
from script_agent.domain.compliance.findings import CheckReport
from script_agent.domain.models import Product
from script_agent.gateway.content import require_json
from script_agent.gateway.deps import CurrentContainer, CurrentPrincipal
from script_agent.gateway.openapi import problem_responses
from script_agent.gateway.tenancy import not_found, resolve_tenant

router = APIRouter(prefix="/api/v1", tags=["compliance"])
JsonBody = Annotated[None, Depends(require_json)]
_ERRORS = problem_responses(400, 401, 403, 404, 413, 415, 422)


class CheckBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=20_000, description="the script to check")
    tenant: str | None = Field(default=None, max_length=64)
    product: Product | None = Field(default=None, description="facts that allow claims and prices")
    product_id: str | None = Field(default=None, max_length=128, description="a catalogue product instead")
    promotion: str | None = Field(default=None, max_length=256, description="the real offer: stock, deadline")


@router.post("/check", response_model=CheckReport, responses=_ERRORS, summary="Check a script for compliance")
async def check(
    body: CheckBody, principal: CurrentPrincipal, container: CurrentContainer, _json: JsonBody
) -> CheckReport:
    resolve_tenant(principal, body.tenant)
    product = body.product
    if product is None and body.product_id is not None:
        product = await container.products.get(body.product_id)
        if product is None:
            raise not_found("product", body.product_id)
    checker = container.compliance or ComplianceChecker()
    return await checker.check(body.text, facts_from(product, promotion=body.promotion))
