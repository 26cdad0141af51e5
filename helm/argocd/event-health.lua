-- Argo CD health of a cronium.io Event: what to run and when.
-- Install: argocd-cm key resource.customizations.health.cronium.io_Event (docs/install.md).
local hs = {}
if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator"
  return hs
end
if obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to see the latest spec"
  return hs
end
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended: no scheduled runs"
  return hs
end
local last = obj.status.lastRun
if last ~= nil and (last.phase == "Failed" or last.phase == "TimedOut") then
  hs.status = "Degraded"
  hs.message = "Last run " .. last.name .. " ended " .. last.phase
  return hs
end
hs.status = "Healthy"
if last ~= nil then
  hs.message = "Last run " .. last.name .. " " .. (last.phase or "Pending")
else
  hs.message = "No run yet"
end
return hs
