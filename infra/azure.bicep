// practice-pulse on Azure: App Service (Linux, Node 22) running the bot and tab, Azure Database for
// PostgreSQL flexible server, and the Azure Bot with its Teams channel. Deployed by `atk provision`
// (m365agents.yml, arm/deploy) or by hand: `az deployment group create` (see infra/README.md).

@minLength(4)
@maxLength(30)
@description('Prefix of every resource name; the web app name must be unique across Azure.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan size. B1 is enough for one council; P0v3 or above to scale out.')
param webAppSku string = 'B1'

@maxLength(42)
param botDisplayName string = 'Practice Pulse'

@description('Client id of the bot Entra app (BOT_ID).')
param botAadAppClientId string

@secure()
@description('Client secret of the bot Entra app (SECRET_BOT_PASSWORD).')
param botAadAppClientSecret string

@description('Entra tenant the bot app and the tab SSO app are registered in.')
param tenantId string

@description('Client id of the tab SSO Entra app (AAD_APP_CLIENT_ID).')
param aadAppClientId string

@description('Teams app id, the manifest id (TEAMS_APP_ID): links in cards open the dashboard tab in Teams with it.')
param teamsAppId string = ''

@description('Comma-separated Entra tenant ids allowed to use the bot; empty means the registration tenant.')
param tenantAllowList string = ''

param postgresAdminLogin string = 'ppadmin'

@secure()
@minLength(12)
@description('Password of the PostgreSQL administrator (SECRET_POSTGRES_ADMIN_PASSWORD).')
param postgresAdminPassword string

@description('PostgreSQL compute size; Burstable B1ms suits one council.')
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'

@description('Days to keep update narratives and pulse comments; empty keeps them.')
param retentionDays string = ''

var databaseName = 'practice_pulse'
var allowList = empty(tenantAllowList) ? tenantId : tenantAllowList

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${resourceBaseName}-pg'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    // why: the store is tested on PostgreSQL 15 (and 18 through PGlite); 15 is the floor.
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Lets Azure services (the App Service) connect; no other address can. Use VNet integration for private access.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  // why: the service migrates the database at start; the database and its firewall rule must exist first.
  dependsOn: [
    database
    allowAzure
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      healthCheckPath: '/api/health'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'ENV'
          value: 'prod'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'PUBLIC_URL'
          value: 'https://${resourceBaseName}.azurewebsites.net'
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'SECRET_BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'BOT_TYPE'
          value: 'SingleTenant'
        }
        {
          name: 'BOT_TENANT_ID'
          value: tenantId
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'TENANT_ALLOW_LIST'
          value: allowList
        }
        {
          name: 'RETENTION_DAYS'
          value: retentionDays
        }
        {
          name: 'DATABASE_URL'
          value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
        }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// arm/deploy writes these to env/.env.<env>; the manifest and aad.manifest.json use BOT_DOMAIN.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
