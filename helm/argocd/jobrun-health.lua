-- Argo CD health of a cronium.io JobRun: one run of an Event.
-- Install: argocd-cm key resource.customizations.health.cronium.io_JobRun (docs/install.md).
local hs = {}
if obj.status == nil or obj.status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to start the run"
  return hs
end
local phase = obj.status.phase
local detail = obj.status.reason or phase
if obj.status.message ~= nil then
  detail = detail .. ": " .. obj.status.message
end
if phase == "Succeeded" then
  hs.status = "Healthy"
elseif phase == "Failed" or phase == "TimedOut" then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
hs.message = detail
return hs
