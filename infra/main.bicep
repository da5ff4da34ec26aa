// Trygg förtroendevald in Azure: one resource group holds the bot's identity, storage, hosting, monitoring and
// alert rules. Deploy with `az deployment group create` (see docs/deployment.md). Secrets are never in the
// parameter files: they read the two secure parameters from the deploying shell's environment.

targetScope = 'resourceGroup'

@description('Short environment name, part of every resource name (test, prod).')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of everything except the bot registration (which is global).')
param location string = resourceGroup().location

@description('Prefix of every resource name (letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'trygg'

@description('Entra tenant of the municipality: the bot identity lives there and only its activities are accepted.')
param tenantId string = subscription().tenantId

@description('App Service plan SKU; B1 is enough for one municipality, P0v3 for zone redundancy and more memory.')
param appServiceSku string = 'B1'

@description('Säkerhetschef(er): Entra object ids, comma-separated.')
param securityChiefIds string

@description('Ställföreträdare: Entra object ids, comma-separated.')
param securityDeputyIds string = ''

@description('Party security contacts: PARTY=<id>,<id>;PARTY=<id>.')
param partyContacts string = ''

@description('Party codes in kommunfullmäktige, comma-separated.')
param parties string = 'S,M,C,SD,KD,V,L,MP'

@description('E-mail address that receives the alert rules\' notifications (IT operations on call).')
param alertEmail string

@description('Days after closing until a case is anonymised or deleted (gallring).')
param retentionDays int = 730

@description('Signs download links (at least 32 characters). From the environment, never written in a parameter file.')
@secure()
@minLength(32)
param downloadLinkSecret string

@description('Key of the HMAC that pseudonymises ids in telemetry. From the environment, never written in a parameter file.')
@secure()
@minLength(32)
param telemetryPseudonymKey string

var suffix = uniqueString(resourceGroup().id, environmentName)
var baseName = '${namePrefix}-${environmentName}'
var storageAccountName = take(toLower('${namePrefix}${environmentName}${suffix}'), 24)
var siteName = '${baseName}-${suffix}'
var publicHost = '${siteName}.azurewebsites.net'
// Served by the app (test/unit/infra.test.ts checks that): liveness, no storage check, so a storage outage does
// not take every instance out of rotation.
var healthCheckPath = '/livez'

// Built-in role definitions (ids are the same in every tenant; checked in test/unit/infra.test.ts).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// --- Identity: the bot's app id, its storage access and its telemetry publishing ---------------------------
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
}

// --- Storage: Table service only, no shared keys (the identity signs in) -----------------------------------
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource storageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- Monitoring: Log Analytics + Application Insights (Entra-authenticated ingestion only) -----------------
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- Hosting: App Service on Linux, Node 20, always on (the outbox and escalation timers run in the process) --
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: healthCheckPath
      appSettings: [
        { name: 'HOST', value: '0.0.0.0' }
        // V8 sized for a small service, as in npm start and the container (README, Benchmarks).
        { name: 'NODE_OPTIONS', value: '--max-semi-space-size=16 --max-old-space-size=256' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        { name: 'ALLOWED_TENANT_IDS', value: tenantId }
        // DefaultAzureCredential (storage) and the telemetry exporter pick the user-assigned identity by this id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'STORAGE_ACCOUNT_URL', value: 'https://${storage.name}.table.${environment().suffixes.storage}' }
        { name: 'TABLE_PREFIX', value: 'tf' }
        { name: 'SECURITY_CHIEF_IDS', value: securityChiefIds }
        { name: 'SECURITY_DEPUTY_IDS', value: securityDeputyIds }
        { name: 'PARTY_CONTACTS', value: partyContacts }
        { name: 'PARTIES', value: parties }
        { name: 'PUBLIC_BASE_URL', value: 'https://${publicHost}' }
        { name: 'DOWNLOAD_LINK_SECRET', value: downloadLinkSecret }
        { name: 'RETENTION_DAYS', value: string(retentionDays) }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // Local authentication is off on the Application Insights resource: the exporter signs in as the identity.
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD;ClientId=${identity.properties.clientId}'
        }
        { name: 'TELEMETRY_PSEUDONYM_KEY', value: telemetryPseudonymKey }
        // The build happens before the upload (npm run build, npm prune --omit=dev): no build on the server.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
  dependsOn: [storageRole, insightsRole]
}

// --- The bot registration: user-assigned managed identity, Teams channel -----------------------------------
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Trygg förtroendevald'
    endpoint: 'https://${publicHost}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: identity.id
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// --- Alert rules (what each means and what to do: docs/operations.md) ---------------------------------------
resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${baseName}-oncall'
  location: 'global'
  properties: {
    groupShortName: take('trygg${environmentName}', 12)
    enabled: true
    emailReceivers: [{ name: 'oncall', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

// An alert that ended dead (retries used up) or unreachable (no chat with the person): someone did not get it.
resource deliveryFailedAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${baseName}-delivery-failed'
  location: location
  properties: {
    displayName: 'Trygg: a delivery ended dead or unreachable'
    severity: 1
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "trygg.outbox.deliveries" | where tostring(customDimensions.status) in ("dead", "unreachable") | summarize failed = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}

// The outbox worker reports every pass; none for 10 minutes means no instance is delivering alerts.
resource outboxStaleAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${baseName}-outbox-stale'
  location: location
  properties: {
    displayName: 'Trygg: outbox heartbeat stale'
    severity: 1
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT10M'
    criteria: {
      allOf: [
        {
          // count(), not sum(): an empty window (no instance exporting at all) must give 0, not nothing.
          query: 'customMetrics | where name == "trygg.outbox.passes" | summarize passes = count()'
          timeAggregation: 'Total'
          metricMeasureColumn: 'passes'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}

// Server errors: the Bot Framework retries, but users see "something went wrong" or get no answer.
resource serverErrorsAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-http-5xx'
  location: 'global'
  properties: {
    description: 'Trygg: HTTP 5xx from the bot'
    severity: 2
    enabled: true
    scopes: [site.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'http5xx'
          metricName: 'Http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

output siteName string = site.name
output publicUrl string = 'https://${publicHost}'
output botAppId string = identity.properties.clientId
output storageAccountName string = storage.name
